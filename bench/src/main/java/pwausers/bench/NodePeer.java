package pwausers.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Node.js reference peer (the workshop's function on the AWS SDK for JavaScript v3), copied from the read-only
 * {@code ../shared/peers/node-reference} into target/ and installed there with {@code npm ci}, as its README says.
 */
final class NodePeer {
    /** Preloaded into each Node run: reports the process's peak RSS at exit, as the Java child does. */
    private static final String PEAK_RSS_JS = """
            'use strict';
            // Added by the pwa-users bench: report peak RSS (VmHWM) at exit, as the Java child does.
            process.on('exit', () => {
              try {
                const m = /VmHWM:\\s+(\\d+)/.exec(require('fs').readFileSync('/proc/self/status', 'utf8'));
                if (m) process.stdout.write(`bench-child peak_rss_kib=${m[1]}\\n`);
              } catch (e) { /* not Linux */ }
            });
            """;

    private final Path dir;

    private NodePeer(Path dir) {
        this.dir = dir;
    }

    /** Where the peer's sources are expected: beside the repository, in shared/peers/node-reference. */
    static Path defaultSource(Path root) {
        return root.resolveSibling("shared").resolve("peers").resolve("node-reference");
    }

    /**
     * Copies the peer to workDir/node-reference (again only if its sources changed) and runs npm ci there.
     *
     * @throws IllegalStateException if the sources are missing or npm ci fails
     */
    static NodePeer install(Path source, Path workDir) {
        if (!Files.isRegularFile(source.resolve("handler.js"))) {
            throw new IllegalStateException("the Node.js peer is not there: no " + source.resolve("handler.js"));
        }
        Path dir = workDir.resolve("node-reference");
        try {
            boolean fresh = Files.isDirectory(dir.resolve("node_modules"))
                    && sameFiles(source, dir);
            if (!fresh) {
                deleteTree(dir);
                Files.createDirectories(dir);
                try (Stream<Path> files = Files.list(source)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        Path copy = dir.resolve(file.getFileName().toString());
                        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                        copy.toFile().setWritable(true);
                    }
                }
                Path log = dir.resolve("npm-ci.log");
                ChildRun npm = ChildRun.run(List.of("npm", "ci", "--no-audit", "--no-fund"), dir,
                        Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                                "HOME", System.getProperty("user.home")), log, Duration.ofMinutes(5));
                if (!npm.ok()) {
                    throw new IllegalStateException("npm ci failed in " + dir + ":\n" + npm.head());
                }
            }
            Files.writeString(dir.resolve("bench-peak-rss.js"), PEAK_RSS_JS, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot install the Node.js peer in " + dir, e);
        }
        return new NodePeer(dir);
    }

    Path dir() {
        return dir;
    }

    /** node run-once.js: one fresh process, one invocation, exit 0 on 201. */
    List<String> coldStartCommand() {
        return List.of("node", "-r", "./bench-peak-rss.js", "run-once.js");
    }

    /** node warm.js WARMUP TIMED. */
    List<String> warmCommand(int warmup, int timed) {
        return List.of("node", "warm.js", Integer.toString(warmup), Integer.toString(timed));
    }

    private static boolean sameFiles(Path source, Path copy) throws IOException {
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path other = copy.resolve(file.getFileName().toString());
                if (!Files.isRegularFile(other) || Files.mismatch(file, other) != -1) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
