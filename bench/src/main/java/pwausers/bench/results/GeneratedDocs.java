package pwausers.bench.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables of a document that the bench generates: each block between {@code <!-- bench:PART -->} and
 * {@code <!-- /bench:PART -->} is the newest run's results for that part ({@code cold}, {@code warm}, ...), a smoke run
 * never; everything outside the blocks is left as written. {@code ./pwa-users bench --write-docs} rewrites
 * docs/performance.md so, and a test holds it to what bench/results/ generates.
 */
public final class GeneratedDocs {
    private static final Pattern BLOCK = Pattern.compile(
            "(<!-- bench:([a-z-]+) -->\\n)(.*?)(<!-- /bench:\\2 -->)", Pattern.DOTALL);

    private GeneratedDocs() {
    }

    /**
     * The document with every block generated from the runs.
     *
     * @param runs the runs, oldest first
     * @param root what the runs' file names are given relative to (the repository's root)
     */
    public static String generate(String doc, List<ResultsFolder.Saved> runs, Path root) {
        Matcher block = BLOCK.matcher(doc);
        StringBuilder out = new StringBuilder();
        while (block.find()) {
            String part = block.group(2);
            block.appendReplacement(out, Matcher.quoteReplacement(block.group(1) + content(part, runs, root)
                    + block.group(4)));
        }
        block.appendTail(out);
        return out.toString();
    }

    private static String content(String part, List<ResultsFolder.Saved> runs, Path root) {
        Optional<ResultsFolder.Saved> newest = newest(part, runs);
        if (newest.isEmpty()) {
            return "No run in `" + ResultsFolder.PROJECT_FOLDER + "/` has measured this part yet: `./pwa-users bench"
                    + " --only " + part + "`.\n";
        }
        ResultsFolder.Saved saved = newest.get();
        String file = root.relativize(saved.file().toAbsolutePath()).toString();
        return RunTables.section(file, saved.run(), saved.run().section(part).orElseThrow());
    }

    /** The newest run, smoke runs aside, that measured this part. */
    static Optional<ResultsFolder.Saved> newest(String part, List<ResultsFolder.Saved> runs) {
        return runs.stream().filter(s -> !s.run().quick() && s.run().section(part).isPresent())
                .reduce((older, newer) -> newer);
    }

    /** Rewrites the document's blocks from the folder's runs; returns whether anything changed. */
    public static boolean write(Path doc, ResultsFolder folder, Path root) {
        try {
            String before = Files.readString(doc);
            String after = generate(before, folder.read(), root.toAbsolutePath());
            if (after.equals(before)) {
                return false;
            }
            Files.writeString(doc, after);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + doc, e);
        }
    }
}
