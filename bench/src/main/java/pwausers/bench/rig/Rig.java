package pwausers.bench.rig;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import pwausers.function.contract.Environment;
import pwausers.local.engine.Dynalite;
import pwausers.local.engine.LocalTables;
import pwausers.local.engine.ProjectFiles;
import pwausers.local.engine.SamTemplate;
import pwausers.local.lambda.LambdaJvm;
import pwausers.local.template.LocalFunction;
import pwausers.local.template.LocalValues;

/**
 * What every part of the bench measures with: the deployment package laid out as Lambda has it in {@code /var/task}
 * (the jar in {@code lib/}, the CRT's native library beside it), the JVMs Lambda would start for the template, the
 * Node.js peer, one dynalite engine with the template's tables, the children's environment; and the count of every
 * invocation checked and every one that went wrong. The peer and the engine start when a part first asks for them.
 */
public final class Rig implements AutoCloseable {
    /** The reference's name in the rows. */
    public static final String NODE = "Node.js 20";
    /** The longest one child may take, before it is killed and counted as failed. */
    public static final Duration CHILD_TIMEOUT = Duration.ofMinutes(5);
    /** The shaded jar that function/pom.xml builds and SAM deploys (function/Makefile puts it in the artifact's lib/). */
    private static final String DEPLOYMENT_JAR = "function/target/add-pwa-user.jar";
    /** What function/pom.xml puts beside it in the artifact's lib/: the CRT's native library (function/Makefile). */
    private static final String DEPLOYMENT_NATIVES = "function/target/lambda-lib";

    private final BenchSettings settings;
    private final PrintStream progress;
    private final Path root = ProjectFiles.root();
    private final Path work;
    private final Path task;
    private final Path deployedJar;
    private final Path event;
    private final String classPath;
    private final LocalValues values;
    private final LocalFunction function;
    private final List<String> notes = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final Map<Object, ChildRun> shared = new HashMap<>();
    private long invocations;
    private List<LambdaJvm> deployed;
    private NodePeer node;
    private Dynalite engine;
    private Map<String, String> environment;

    /**
     * Lays out the package in {@code bench/target/bench-work/task}.
     *
     * @throws IllegalStateException without a deployment package and its native library (build function/ first)
     */
    public Rig(BenchSettings settings, PrintStream progress) {
        this.settings = settings;
        this.progress = progress;
        values = new LocalValues(SamTemplate.read(ProjectFiles.template()), Map.of());
        List<LocalFunction> functions = LocalFunction.all(values);
        if (functions.size() != 1) {
            throw new IllegalStateException("the bench measures one function; template.yaml has " + functions.size());
        }
        function = functions.get(0);
        Path jar = root.resolve(DEPLOYMENT_JAR);
        List<Path> natives = nativeLibraries(root.resolve(DEPLOYMENT_NATIVES));
        if (!Files.isRegularFile(jar) || natives.isEmpty()) {
            throw new IllegalStateException("no deployment package at " + jar + " and a native library in "
                    + DEPLOYMENT_NATIVES + ": ./mvnw -q -pl function -am package");
        }
        work = root.resolve("bench/target/bench-work");
        task = work.resolve("task");
        event = ProjectFiles.eventsDir().resolve("workshop-test-event.json");
        deployedJar = task.resolve("lib").resolve(jar.getFileName());
        try {
            Files.createDirectories(work.resolve("home"));
            Files.createDirectories(deployedJar.getParent());
            // copies, so that a rebuild meanwhile changes nothing
            Files.copy(jar, deployedJar, StandardCopyOption.REPLACE_EXISTING);
            for (Path library : natives) {
                Files.copy(library, task.resolve("lib").resolve(library.getFileName()),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare " + work, e);
        }
        classPath = deployedJar + ":" + ChildJar.write(work.resolve("launcher.jar"));
    }

    public BenchSettings settings() {
        return settings;
    }

    /** Where each part says what it is doing (stderr). */
    public PrintStream progress() {
        return progress;
    }

    public LocalFunction function() {
        return function;
    }

    public LocalValues values() {
        return values;
    }

    public Path work() {
        return work;
    }

    /** Where a child writes its results (emptied before each child). */
    public Path results() {
        return work.resolve("run");
    }

    /** The workshop's test event. */
    public Path event() {
        return event;
    }

    /** The deployment jar, as the package holds it. */
    public Path deployedJar() {
        return deployedJar;
    }

    /** The children's class path: the deployment jar and the launcher's small jar. */
    public String classPath() {
        return classPath;
    }

    /** The Node.js peer, installed with npm ci on its first use. */
    public NodePeer node() {
        if (node == null) {
            progress.println("bench: preparing the Node.js peer (bench/node-peer, npm ci on the first run)...");
            node = NodePeer.install(root.resolve("bench/node-peer"), work);
        }
        return node;
    }

    /** The engine, started with the template's tables on its first use. */
    public Dynalite engine() {
        if (engine == null) {
            engine = Dynalite.start();
            freshTables();
            environment = childEnvironment();
        }
        return engine;
    }

    /** Every table of the template, empty (dynalite slows as its store grows). */
    public void freshTables() {
        SamTemplate template = values.template();
        template.logicalIdsOfType("AWS::DynamoDB::Table").forEach(table ->
                LocalTables.recreateTable(engine().client(), template, table, values.tableName(table)));
    }

    /** What every child gets: the function's environment from the template, pointed at the engine. */
    public Map<String, String> environment() {
        engine();
        return environment;
    }

    /** The environment of a child started as this JVM, with these variables set or replaced. */
    public Map<String, String> environment(LambdaJvm jvm, Map<String, String> more) {
        Map<String, String> e = new LinkedHashMap<>(environment());
        if (!jvm.toolOptions().isBlank()) {
            e.put("JAVA_TOOL_OPTIONS", jvm.toolOptions());
        }
        e.putAll(more);
        return e;
    }

    private Map<String, String> childEnvironment() {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        e.put("HOME", work.resolve("home").toString()); // no ~/.aws files for either runtime to read
        e.put("LANG", "C.UTF-8");
        e.put("LD_LIBRARY_PATH", task + ":" + task.resolve("lib")); // Lambda's holds /var/task and /var/task/lib
        e.putAll(awsSettings(engine));
        e.put("AWS_EC2_METADATA_DISABLED", "true");
        e.put(Environment.FUNCTION_NAME, function.name());
        e.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        e.putAll(function.environment());
        e.remove("JAVA_TOOL_OPTIONS"); // each JVM configuration sets its own
        return e;
    }

    /** The SDK's settings that point a client at this engine. */
    public static Map<String, String> awsSettings(Dynalite dynalite) {
        return Map.of(Environment.ENDPOINT_URL_DYNAMODB, dynalite.endpoint().toString(),
                Environment.REGION, LocalValues.REGION,
                Environment.ACCESS_KEY_ID, "local", Environment.SECRET_ACCESS_KEY, "local");
    }

    // ---- the JVMs ----

    /** The JVMs Lambda would start for the template as it is: java17/java21 (JDK 17 here), and java25 if there. */
    public List<LambdaJvm> deployedJvms() {
        if (deployed == null) {
            String options = function.environment().getOrDefault("JAVA_TOOL_OPTIONS", "");
            deployed = new ArrayList<>();
            deployed.add(LambdaJvm.of("java17/java21 (JDK " + Runtime.version().feature() + ")",
                    Path.of(System.getProperty("java.home")), true, options));
            Path java25 = settings.java25Home() != null ? settings.java25Home() : findJdk25();
            if (java25 != null && Files.isExecutable(java25.resolve("bin/java"))) {
                deployed.add(LambdaJvm.of("java25 (JDK 25)", java25, true, options));
            } else {
                notes.add("No JDK 25 found (give one with --java25 DIR): the java25 rows are left out.");
            }
        }
        return deployed;
    }

    /** java25 as SnapStart starts it (both compilers), when there is a JDK 25; else none. */
    public List<LambdaJvm> java25WithSnapStart() {
        LambdaJvm last = deployedJvms().get(deployedJvms().size() - 1);
        return last.name().startsWith("java25") ? List.of(new LambdaJvm(
                "java25 with SnapStart (JDK 25, both compilers)", last.javaHome(), false, last.toolOptions(), false))
                : List.of();
    }

    /**
     * The options given to try beside the template's; with variations, what each flag of the template's
     * JAVA_TOOL_OPTIONS does (the deployed JVM without it, and without them all) and a plain JVM.
     */
    public List<LambdaJvm> flagVariations() {
        LambdaJvm deployed = deployedJvms().get(0);
        List<LambdaJvm> jvms = new ArrayList<>();
        for (String options : settings.tryOptions()) {
            jvms.add(deployed.withToolOptions(deployed.name() + " with JAVA_TOOL_OPTIONS=" + options, options));
        }
        if (!settings.variations()) {
            return jvms;
        }
        List<String> flags = deployed.toolOptions().isBlank() ? List.of()
                : List.of(deployed.toolOptions().strip().split("\\s+"));
        for (String flag : flags) {
            List<String> others = new ArrayList<>(flags);
            others.remove(flag);
            jvms.add(deployed.withToolOptions(deployed.name() + " without " + flag, String.join(" ", others)));
        }
        if (flags.size() > 1) {
            jvms.add(deployed.withToolOptions(deployed.name() + " without JAVA_TOOL_OPTIONS", ""));
        }
        jvms.add(new LambdaJvm("a plain JVM (JDK " + Runtime.version().feature() + ", its default flags)",
                deployed.javaHome(), false, "", true));
        return jvms;
    }

    private static Path findJdk25() {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        try (Stream<Path> dirs = Files.list(jvms)) {
            return dirs.filter(d -> d.getFileName().toString().matches(".*-25([.-].*)?")
                    && Files.isExecutable(d.resolve("bin/java"))).sorted().findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    // ---- children and the count ----

    /** Runs a child in {@code dir} with exactly {@code env}, counts its answers, and returns it. */
    public ChildRun run(String what, List<String> command, Path dir, Map<String, String> env) {
        ChildRun run = ChildRun.run(what, command, dir, env, results(), CHILD_TIMEOUT);
        invocations += run.answers().size();
        if (run.problem() != null) {
            failures.add(run.problem());
        }
        return run;
    }

    /** The child that {@code run} starts, run once per key: a run that two parts read (each answer counted once). */
    public ChildRun once(Object key, Supplier<ChildRun> run) {
        return shared.computeIfAbsent(key, k -> run.get());
    }

    /** Counts answers checked in this JVM, and what was wrong with them (null: nothing). */
    public void count(long answers, String problem) {
        invocations += answers;
        if (problem != null) {
            failures.add(problem);
        }
    }

    public long invocations() {
        return invocations;
    }

    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** What the run should say about its configurations (a JDK missing). */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /**
     * The native libraries the package carries beside its jar (the CRT's, for the template's architecture): none
     * when the directory is missing or empty, which would measure the CRT unpacking its jar's copy instead.
     */
    private static List<Path> nativeLibraries(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".so")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    /** Stops the engine, if it runs; a part that asks for it again gets a fresh one. */
    public void stopEngine() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }

    @Override
    public void close() {
        stopEngine();
    }
}
