package pwausers.bench.rig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Node.js reference peer, {@code bench/node-peer}: the workshop's function on Node.js 20 and the AWS SDK for
 * JavaScript v3, with the launcher that runs it as the Java one runs the Java function. Copied into the bench's work
 * directory and installed there from its lock file with {@code npm ci} (again only when its files changed), so that
 * the sources stay clean.
 */
public final class NodePeer {
    private final Path dir;

    private NodePeer(Path dir) {
        this.dir = dir;
    }

    /**
     * Copies the peer's files to workDir/node-peer and runs npm ci there when they changed.
     *
     * @throws IllegalStateException if npm ci fails
     */
    public static NodePeer install(Path source, Path workDir) {
        Path dir = workDir.resolve("node-peer");
        try {
            List<Path> files;
            try (Stream<Path> all = Files.list(source)) {
                files = all.filter(Files::isRegularFile).sorted().toList();
            }
            boolean current = Files.isDirectory(dir.resolve("node_modules"));
            for (Path file : files) {
                Path copy = dir.resolve(file.getFileName().toString());
                current &= Files.isRegularFile(copy) && Files.mismatch(file, copy) == -1;
            }
            if (!current) {
                ChildRun.deleteTree(dir);
                Files.createDirectories(dir);
                for (Path file : files) {
                    Files.copy(file, dir.resolve(file.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                }
                ChildRun npm = ChildRun.run("npm ci", List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"),
                        dir, Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                                "HOME", System.getProperty("user.home")), workDir.resolve("npm-ci"), Duration.ofMinutes(5));
                if (npm.exitCode() != 0) {
                    throw new IllegalStateException("npm ci failed in " + dir + ":\n" + npm.logHead());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot install the Node.js peer in " + dir, e);
        }
        return new NodePeer(dir);
    }

    public Path dir() {
        return dir;
    }

    /** {@code node launcher.js MODE EVENT RESULT_DIR [WARMUP TIMED]}: see launcher.js. */
    public List<String> command(String mode, Path event, Path results, int... counts) {
        List<String> command = new java.util.ArrayList<>(List.of("node", "launcher.js", mode, event.toString(),
                results.toString()));
        for (int count : counts) {
            command.add(Integer.toString(count));
        }
        return command;
    }
}
