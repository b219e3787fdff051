package pwausers.local.lambda;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Keeps the running functions in step with their sources, for {@code ./pwa-users up}: it watches the sources of the
 * Maven module that builds the functions' code (its {@code src/main} and {@code pom.xml}), rebuilds that module when
 * they change (quietly: one console line per step), and reloads each function from the new artifact
 * ({@link FunctionRunner#reload()}: fresh execution environments on the new code; the old ones answer the request they
 * have and stop), with the data untouched. When the build or the new code's init fails, the console shows why and the
 * functions keep running the code they had.
 *
 * <p>It watches from the moment it is made ({@link #watch}), before the stack opens its ports, so that an edit saved
 * while the stack starts is not missed: it is built once the functions are given ({@link #start(Collection)}).
 */
public final class HotReload implements AutoCloseable {
    /** Edits come in bursts (an editor's save, a checkout): build once things are quiet for this long. */
    private static final long QUIET_MILLIS = 300;
    private static final int MAX_ERROR_LINES = 20;

    /** What builds the functions' code. */
    @FunctionalInterface
    public interface Build {
        /** Builds; empty when it succeeded, else the lines that say why it failed. */
        List<String> run() throws IOException, InterruptedException;
    }

    private final Path module;
    private final Path root;
    private final Build build;
    private volatile List<FunctionRunner> functions;
    private final PrintStream console;
    private final WatchService watcher;
    private final Thread thread;

    /**
     * @param module    the folder of the module that builds the functions' code: its src/main and pom.xml are watched
     * @param root      the folder that paths on the console are relative to
     */
    HotReload(Path module, Path root, Build build, Collection<FunctionRunner> functions, PrintStream console) {
        this(module, root, build, console);
        this.functions = List.copyOf(functions);
    }

    private HotReload(Path module, Path root, Build build, PrintStream console) {
        this.module = module;
        this.root = root;
        this.build = build;
        this.console = console;
        try {
            this.watcher = FileSystems.getDefault().newWatchService();
            registerTree(sources());
            module.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + sources(), e);
        }
        this.thread = new Thread(this::watch, "hot-reload");
        thread.setDaemon(true);
    }

    /**
     * Starts watching the module that builds the functions' code (the Maven module whose target folder holds their
     * CodeUri), to rebuild it with the repository's Maven wrapper; edits are kept until {@link #start(Collection)}.
     * Null if no function has code of its own there.
     */
    public static HotReload watch(Path root, Collection<Path> codeUris, PrintStream console) {
        Path module = codeUris.stream().filter(java.util.Objects::nonNull).map(HotReload::moduleOf)
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
        return module == null ? null : new HotReload(module, root, new MavenBuild(root, module), console);
    }

    /** Reloads those of the functions whose code the watched module builds, from now on. */
    public void start(Collection<FunctionRunner> running) {
        this.functions = running.stream()
                .filter(f -> f.function().codeUri() != null && module.equals(moduleOf(f.function().codeUri()))).toList();
        thread.start();
    }

    /**
     * The Maven module that builds a CodeUri's code, if it has sources to watch: the module itself, or the one whose
     * target folder holds the jar; null for anything else (a deployment package that sam build made, say).
     */
    static Path moduleOf(Path codeUri) {
        Path start = codeUri.toAbsolutePath();
        if (Files.isRegularFile(start)) {
            start = start.getParent();
            while (start != null && !Files.isRegularFile(start.resolve("pom.xml"))) {
                start = start.getParent();
            }
        }
        return start != null && Files.isRegularFile(start.resolve("pom.xml"))
                && Files.isDirectory(start.resolve("src").resolve("main")) ? start : null;
    }

    /** What is watched, as the console shows it. */
    public String watched() {
        return display(sources()) + "/";
    }

    void startWatching() {
        thread.start();
    }

    private Path sources() {
        return module.resolve("src").resolve("main");
    }

    private void watch() {
        try {
            while (true) {
                Path changed = awaitChange(watcher.take());
                if (changed == null) {
                    continue;
                }
                for (WatchKey more; (more = watcher.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) != null; ) {
                    Path also = awaitChange(more);
                    changed = also != null ? also : changed;
                }
                rebuildAndReload(changed);
            }
        } catch (InterruptedException | ClosedWatchServiceException stopped) {
            // up is stopping
        }
    }

    /** The relevant file the key reports changed (the last one), registering new folders on the way; or null. */
    private Path awaitChange(WatchKey key) {
        Path dir = (Path) key.watchable();
        Path changed = null;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                changed = sources();
                continue;
            }
            Path path = dir.resolve((Path) event.context());
            if (dir.equals(module)) {
                if (path.getFileName().toString().equals("pom.xml")) {
                    changed = path;
                }
                continue;
            }
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(path)) {
                try {
                    registerTree(path);
                } catch (IOException e) {
                    console.println("pwa-users: reload: cannot watch " + display(path) + ": " + e.getMessage());
                }
            }
            if (!isEditorScratch(path.getFileName().toString())) {
                changed = path;
            }
        }
        key.reset();
        return changed;
    }

    /** Editors' backup, swap and lock files: not sources. */
    private static boolean isEditorScratch(String name) {
        return name.startsWith(".") || name.endsWith("~") || name.endsWith(".swp") || name.endsWith(".swx")
                || name.startsWith("#") || name.equals("4913");
    }

    private void rebuildAndReload(Path changed) throws InterruptedException {
        String names = String.join(", ", functions.stream().map(f -> f.function().name()).toList());
        console.println("pwa-users: reload: " + display(changed) + " changed; building " + display(module) + "/ ...");
        long start = System.nanoTime();
        List<String> failure;
        try {
            failure = build.run();
        } catch (IOException e) {
            failure = List.of("cannot run the build: " + e.getMessage());
        }
        String took = String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - start) / 1e9);
        if (!failure.isEmpty()) {
            console.println("pwa-users: reload: the build failed (" + took + "); " + names
                    + " keeps running the code it had:");
            failure.stream().limit(MAX_ERROR_LINES).forEach(line -> console.println("    " + line));
            if (failure.size() > MAX_ERROR_LINES) {
                console.println("    ... (" + (failure.size() - MAX_ERROR_LINES) + " more lines)");
            }
            return;
        }
        for (FunctionRunner function : functions) {
            try {
                function.reload();
                console.println("pwa-users: reload: built in " + took + "; " + function.function().name()
                        + " runs the new code from its next request (data kept)");
            } catch (RuntimeException e) {
                console.println("pwa-users: reload: " + function.function().name() + " failed to start with the new"
                        + " code (" + e.getMessage() + "); it keeps running the code it had");
            }
        }
    }

    private void registerTree(Path dir) throws IOException {
        try (Stream<Path> dirs = Files.walk(dir)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                d.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            }
        }
    }

    private String display(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            watcher.close();
        } catch (IOException e) {
            // nothing left to watch
        }
    }

    /**
     * The module's own build, with the repository's Maven wrapper: {@code ./mvnw -q -pl MODULE -am package}, tests
     * skipped. Its output is kept; on failure, its error lines are what the console shows.
     */
    static final class MavenBuild implements Build {
        private final Path root;
        private final Path module;

        MavenBuild(Path root, Path module) {
            this.root = root;
            this.module = module;
        }

        @Override
        public List<String> run() throws IOException, InterruptedException {
            Path log = Files.createTempFile("pwa-users-reload-", ".log");
            try {
                Process maven = new ProcessBuilder(root.resolve("mvnw").toString(), "-q", "-B", "-pl",
                        root.relativize(module.toAbsolutePath().normalize()).toString(), "-am", "package",
                        "-Dmaven.test.skip=true")
                        .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                maven.getOutputStream().close();
                if (maven.waitFor() == 0) {
                    return List.of();
                }
                Set<String> errors = new LinkedHashSet<>(); // the compiler's errors come twice
                String failure = null;
                for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                    if (line.startsWith("[ERROR] -> ") || line.startsWith("[ERROR] To see the full stack trace")) {
                        break; // Maven's advice on itself follows
                    }
                    String text = line.startsWith("[ERROR]") ? line.substring("[ERROR]".length()).strip()
                            .replace(root + "/", "") : "";
                    if (text.startsWith("Failed to execute goal")) {
                        failure = text;
                    } else if (!text.isEmpty() && !text.startsWith("COMPILATION ERROR")) {
                        errors.add(text);
                    }
                }
                if (errors.isEmpty() && failure != null) {
                    errors.add(failure);
                }
                return errors.isEmpty() ? List.of("the build exited with " + maven.exitValue() + "; see ./mvnw -pl "
                        + root.relativize(module) + " -am package") : List.copyOf(errors);
            } finally {
                Files.deleteIfExists(log);
            }
        }
    }
}
