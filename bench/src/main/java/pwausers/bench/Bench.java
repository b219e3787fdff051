package pwausers.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import pwausers.bench.child.BenchContext;
import pwausers.bench.child.LambdaLauncher;
import pwausers.bench.http.RawPutItem;
import pwausers.bench.load.LocalTarget;
import pwausers.cli.BenchArguments.Section;
import pwausers.function.contract.Environment;
import pwausers.function.contract.HeaderNames;
import pwausers.function.contract.PwaUsersTable;
import pwausers.local.engine.Dynalite;
import pwausers.local.engine.LocalTables;
import pwausers.local.engine.ProjectFiles;
import pwausers.local.engine.SamTemplate;
import pwausers.local.lambda.LambdaJvm;
import pwausers.local.template.LocalFunction;
import pwausers.local.template.LocalValues;
import pwausers.local.up.LocalStack;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * {@code ./pwa-users bench}: the function as packaged and as Lambda starts it, beside the Node.js peer, on one
 * dynalite engine, in one run; one table of paired figures with the targets beside them. It never fails on a
 * figure, only when an invocation did not give the workshop's answer.
 */
final class Bench {
    /** What the run measures. */
    /**
     * @param rounds     cold starts per configuration, each round in rotating order
     * @param warmup     warm-up invocations before the timed ones
     * @param calls      timed warm invocations
     * @param warmRounds warm runs per configuration, each round in rotating order; the rows give their medians
     * @param clients    concurrent clients for the gateway rows
     * @param seconds    how long each gateway run is counted
     * @param variations also the configurations that show what each flag of the template does, and one CPU
     * @param sections   which parts to run
     * @param java25Home a JDK 25 for the java25 rows, or null to look in /usr/lib/jvm
     * @param tryOptions JAVA_TOOL_OPTIONS to try beside the template's: a cold and a warm row each
     */
    record Settings(int rounds, int warmup, int calls, int warmRounds, int clients, int seconds, boolean variations,
                    Set<Section> sections, Path java25Home, List<String> tryOptions) {
    }

    /** What a run produced: the table, everything printed, the invocations, and every one that went wrong. */
    record Report(MarkdownTable table, String text, long invocations, List<String> failures) {
    }

    /** The shaded jar that function/pom.xml builds and SAM deploys (function/Makefile puts it in the artifact's lib/). */
    private static final String DEPLOYMENT_JAR = "function/target/add-pwa-user.jar";
    /** What function/pom.xml puts beside it in the artifact's lib/: the CRT's native library (function/Makefile). */
    private static final String DEPLOYMENT_NATIVES = "function/target/lambda-lib";
    private static final Duration CHILD_TIMEOUT = Duration.ofMinutes(5);
    private static final String NODE = "Node.js 20";
    private static final String COLD_TARGET = "<= 2.0x Node";
    private static final double COLD_RATIO = 2.0;
    private static final double RSS_MIB = 64;
    private static final double GATEWAY_SHARE = 0.80;
    /** The gateway's steady state: paired rounds measured, after warm-up rounds until the CPU per answer falls less. */
    private static final int STEADY_PAIRS = 3;
    private static final double STEADY_CHANGE = 0.05;
    private static final int STEADY_MIN_ROUNDS = 4;
    private static final int STEADY_BUDGET_ROUNDS = 10;

    private final Settings settings;
    private final PrintStream out;
    private final PrintStream progress;
    private final MarkdownTable table = new MarkdownTable(
            new String[] {"Measure", "Java", "Reference", "Java / ref.", "Target", "Met"},
            new boolean[] {true, false, false, false, false, false});
    private final List<String> notes = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private long invocations;

    private Path work;
    /** The package, where Lambda has it in /var/task. */
    private Path task;
    private Path event;
    private String classPath;
    private LocalFunction function;
    private Map<String, String> environment;
    private NodePeer node;

    Bench(Settings settings, PrintStream out, PrintStream progress) {
        this.settings = settings;
        this.out = out;
        this.progress = progress;
    }

    Report run() {
        Path root = ProjectFiles.root();
        SamTemplate template = SamTemplate.read(ProjectFiles.template());
        LocalValues values = new LocalValues(template, Map.of());
        List<LocalFunction> functions = LocalFunction.all(values);
        if (functions.size() != 1) {
            throw new IllegalStateException("the bench measures one function; template.yaml has " + functions.size());
        }
        function = functions.get(0);
        Path jar = root.resolve(DEPLOYMENT_JAR);
        Path natives = root.resolve(DEPLOYMENT_NATIVES);
        if (!Files.isRegularFile(jar) || nativeLibraries(natives).isEmpty()) {
            throw new IllegalStateException("no deployment package at " + jar + " and a native library in " + natives
                    + ": ./mvnw -q -pl function -am package");
        }
        work = root.resolve("bench/target/bench-work");
        event = ProjectFiles.eventsDir().resolve("workshop-test-event.json");
        task = work.resolve("task");
        Path deployedJar = task.resolve("lib").resolve(jar.getFileName());
        try {
            Files.createDirectories(work.resolve("home"));
            Files.createDirectories(deployedJar.getParent());
            // the package as function/Makefile leaves it: lib/*.jar, which Lambda's runtime loads, and the native
            // library beside it; copies, so that a rebuild meanwhile changes nothing
            Files.copy(jar, deployedJar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            for (Path library : nativeLibraries(natives)) {
                Files.copy(library, task.resolve("lib").resolve(library.getFileName()),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare " + work, e);
        }
        classPath = deployedJar + ":" + ChildJar.write(work.resolve("launcher.jar"));
        progress.println("bench: preparing the Node.js peer (bench/node-peer, npm ci on the first run)...");
        node = NodePeer.install(root.resolve("bench/node-peer"), work);

        List<LambdaJvm> deployed = deployedJvms();
        try (Dynalite dynalite = Dynalite.start()) {
            environment = childEnvironment(dynalite, values);
            Runnable fresh = () -> values.template().logicalIdsOfType("AWS::DynamoDB::Table").forEach(table ->
                    LocalTables.recreateTable(dynalite.client(), template, table, values.tableName(table)));
            fresh.run();
            if (settings.sections().contains(Section.COLD)) {
                coldStarts(deployed);
            }
            if (settings.sections().contains(Section.WARM)) {
                warm(deployed, dynalite, fresh);
            }
            if (settings.sections().contains(Section.RESTORE)) {
                restore(deployed);
            }
        }
        if (settings.sections().contains(Section.GATEWAY)) {
            gateway();
        }
        if (settings.sections().contains(Section.PACKAGE)) {
            deploymentPackage(deployedJar);
        }
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        printReport(new PrintStream(text, true, StandardCharsets.UTF_8), deployed);
        out.print(text.toString(StandardCharsets.UTF_8));
        out.flush();
        return new Report(table, text.toString(StandardCharsets.UTF_8), invocations, List.copyOf(failures));
    }

    // ---- the configurations ----

    /** The JVMs Lambda would start for the template as it is: java17/java21 (JDK 17 here), and java25 if there. */
    private List<LambdaJvm> deployedJvms() {
        String options = function.environment().getOrDefault("JAVA_TOOL_OPTIONS", "");
        List<LambdaJvm> jvms = new ArrayList<>();
        jvms.add(LambdaJvm.of("java17/java21 (JDK " + Runtime.version().feature() + ")",
                Path.of(System.getProperty("java.home")), true, options));
        Path java25 = settings.java25Home() != null ? settings.java25Home() : findJdk25();
        if (java25 != null && Files.isExecutable(java25.resolve("bin/java"))) {
            jvms.add(LambdaJvm.of("java25 (JDK 25)", java25, true, options));
        } else {
            notes.add("No JDK 25 found (give one with --java25 DIR): the java25 rows are left out.");
        }
        return jvms;
    }

    /**
     * What each flag of the template's JAVA_TOOL_OPTIONS does (the deployed JVM without it, and without them all), and
     * the options given to try; with variations, a plain JVM too.
     */
    private List<LambdaJvm> flagVariations(LambdaJvm deployed) {
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

    // ---- cold starts ----

    private record Runner(String name, List<String> command, Path dir, Map<String, String> env) {
    }

    private Runner coldRunner(LambdaJvm jvm, Path results) {
        return new Runner(jvm.name(), jvm.command(function.memoryMb(), classPath, LambdaLauncher.class.getName(),
                List.of("cold", function.handlerClass(), results.toString(), event.toString())), work, env(jvm, Map.of()));
    }

    private void coldStarts(List<LambdaJvm> deployed) {
        List<LambdaJvm> jvms = new ArrayList<>(deployed);
        jvms.addAll(flagVariations(deployed.get(0)));
        Map<String, List<ChildRun>> runs = coldRounds(jvms, List.of(), "");
        List<ChildRun> nodeRuns = runs.get(NODE);
        for (LambdaJvm jvm : jvms) {
            coldRows(jvm.name(), runs.get(jvm.name()), nodeRuns, "");
        }
        if (settings.variations()) {
            int cpu = Runtime.getRuntime().availableProcessors() - 1;
            Map<String, List<ChildRun>> pinned = coldRounds(List.of(deployed.get(0)),
                    List.of("taskset", "-c", Integer.toString(cpu)), " on one CPU");
            coldRows(deployed.get(0).name(), pinned.get(deployed.get(0).name()), pinned.get(NODE), ", on one CPU");
        }
    }

    /** Rounds of cold starts, each configuration and Node.js once per round, in an order that rotates. */
    private Map<String, List<ChildRun>> coldRounds(List<LambdaJvm> jvms, List<String> prefix, String where) {
        progress.println("bench: " + settings.rounds() + " rounds of " + (jvms.size() + 1) + " cold starts" + where + "...");
        Map<String, List<ChildRun>> runs = new LinkedHashMap<>();
        List<String> order = new ArrayList<>(List.of(NODE));
        jvms.forEach(j -> order.add(j.name()));
        order.forEach(name -> runs.put(name, new ArrayList<>()));
        Path results = work.resolve("run");
        for (int round = 0; round < settings.rounds(); round++) {
            for (int k = 0; k < order.size(); k++) {
                String name = order.get((k + round) % order.size());
                Runner runner = name.equals(NODE)
                        ? new Runner(NODE, node.command("cold", event, results), node.dir(), environment)
                        : coldRunner(jvms.stream().filter(j -> j.name().equals(name)).findFirst().orElseThrow(), results);
                List<String> command = new ArrayList<>(prefix);
                command.addAll(runner.command());
                ChildRun run = ChildRun.run(name + " cold start" + where, command, runner.dir(), runner.env(), results,
                        CHILD_TIMEOUT);
                count(run);
                if (run.ok()) {
                    runs.get(name).add(run);
                }
            }
        }
        return runs;
    }

    private void coldRows(String name, List<ChildRun> java, List<ChildRun> node, String where) {
        double ms = Percentiles.median(java.stream().map(ChildRun::millisToAnswer).toList());
        double nodeMs = Percentiles.median(node.stream().map(ChildRun::millisToAnswer).toList());
        ratioRow("cold start to its answer" + where + ", median: " + name, ms(ms), ms, ms(nodeMs), nodeMs, COLD_TARGET,
                COLD_RATIO);
        double cpu = Percentiles.median(java.stream().map(ChildRun::cpuMillis).toList());
        double nodeCpu = Percentiles.median(node.stream().map(ChildRun::cpuMillis).toList());
        ratioRow("cold start CPU (user+sys) to its answer" + where + ", median: " + name, ms(cpu), cpu, ms(nodeCpu),
                nodeCpu, "", Double.NaN);
        if (where.isEmpty()) {
            double rss = Percentiles.median(java.stream().map(ChildRun::peakRssMib).toList());
            double nodeRss = Percentiles.median(node.stream().map(ChildRun::peakRssMib).toList());
            table.add("cold start peak RSS, median: " + name, mib(rss), mib(nodeRss), ratio(rss / nodeRss),
                    "<= " + (int) RSS_MIB + " MiB", met(rss <= RSS_MIB));
        }
    }

    // ---- warm invocations ----

    private void warm(List<LambdaJvm> deployed, Dynalite dynalite, Runnable fresh) {
        progress.println("bench: warm invocations (" + settings.warmRounds() + " rounds of " + settings.warmup() + " + "
                + settings.calls() + " each)...");
        Path results = work.resolve("run");
        fresh.run();
        double floor = floorMicros(dynalite);
        table.add("warm p50 floor: the same PutItem, no SDK, one kept-alive connection", us(floor), "", "", "", "");
        List<LambdaJvm> jvms = new ArrayList<>(deployed);
        LambdaJvm last = deployed.get(deployed.size() - 1);
        if (last.name().startsWith("java25")) {
            jvms.add(new LambdaJvm("java25 with SnapStart (JDK 25, both compilers)", last.javaHome(), false,
                    last.toolOptions(), false));
        }
        jvms.addAll(flagVariations(deployed.get(0)));
        // one run of Node.js (index 0) and of each JVM per round, in an order that rotates from round to round, so
        // that the engine's drift and the machine's other load fall on every configuration alike
        List<List<ChildRun>> runs = new ArrayList<>();
        for (int i = 0; i <= jvms.size(); i++) {
            runs.add(new ArrayList<>());
        }
        for (int round = 0; round < settings.warmRounds(); round++) {
            for (int k = 0; k <= jvms.size(); k++) {
                int i = (round + k) % (jvms.size() + 1);
                fresh.run();
                ChildRun run = i == 0 ? nodeWarm(results) : javaWarm(jvms.get(i - 1), results);
                count(run);
                if (run.ok()) {
                    runs.get(i).add(run);
                }
            }
        }
        if (runs.get(0).isEmpty()) {
            return;
        }
        for (int i = 1; i <= jvms.size(); i++) {
            if (runs.get(i).isEmpty()) {
                continue;
            }
            String name = jvms.get(i - 1).name();
            for (double q : new double[] {0.5, 0.99}) {
                double java = medianOf(runs.get(i), r -> r.latencyMicros(q));
                double node = medianOf(runs.get(0), r -> r.latencyMicros(q));
                ratioRow("warm " + (q == 0.5 ? "p50" : "p99") + ": " + name, us(java), java, us(node), node,
                        "<= 1.0x Node", 1.0);
            }
            double java = medianOf(runs.get(i), ChildRun::cpuMicrosPerCall);
            double node = medianOf(runs.get(0), ChildRun::cpuMicrosPerCall);
            ratioRow("warm CPU (user+sys) per invocation: " + name, us(java), java, us(node), node, "", Double.NaN);
        }
    }

    private ChildRun nodeWarm(Path results) {
        return ChildRun.run(NODE + " warm", node.command("warm", event, results, settings.warmup(), settings.calls()),
                node.dir(), environment, results, CHILD_TIMEOUT);
    }

    private ChildRun javaWarm(LambdaJvm jvm, Path results) {
        return ChildRun.run(jvm.name() + " warm", jvm.command(function.memoryMb(), classPath,
                LambdaLauncher.class.getName(), List.of("warm", function.handlerClass(), results.toString(),
                        event.toString(), Integer.toString(settings.warmup()), Integer.toString(settings.calls()))),
                work, env(jvm, Map.of()), results, CHILD_TIMEOUT);
    }

    private static double medianOf(List<ChildRun> runs, ToDoubleFunction<ChildRun> figure) {
        return Percentiles.median(runs.stream().map(figure::applyAsDouble).toList());
    }

    /** The floor: the same PutItem as a bare HTTP POST on one kept-alive connection, in this JVM; its p50 in us. */
    private double floorMicros(Dynalite dynalite) {
        double[] micros = new double[settings.calls()];
        try (RawPutItem put = new RawPutItem(dynalite.endpoint(), environment.get(Environment.TABLE_NAME))) {
            for (int i = 0; i < settings.warmup() + settings.calls(); i++) {
                long start = System.nanoTime();
                int status = put.put();
                if (i >= settings.warmup()) {
                    micros[i - settings.warmup()] = (System.nanoTime() - start) / 1e3;
                }
                invocations++;
                if (status != 200) {
                    failures.add("floor: a raw PutItem answered " + status);
                }
            }
        } catch (IOException e) {
            failures.add("floor: " + e);
        }
        return Percentiles.of(micros, 0.5);
    }

    // ---- the first invocations after a SnapStart restore ----

    /**
     * A stand-in for SnapStart: the handler initialised as for a snapshot, its priming hooks run, then the first
     * invocations timed, without and with an Idempotency-Key. A real restore also maps the snapshot's memory back
     * in and reconnects; neither can be measured here.
     */
    private void restore(List<LambdaJvm> deployed) {
        progress.println("bench: first invocations after SnapStart priming...");
        Path results = work.resolve("run");
        List<LambdaJvm> jvms = new ArrayList<>();
        jvms.add(deployed.get(0).withToolOptions(deployed.get(0).name() + " with SnapStart",
                deployed.get(0).toolOptions()));
        LambdaJvm last = deployed.get(deployed.size() - 1);
        if (last.name().startsWith("java25")) {
            jvms.add(new LambdaJvm("java25 with SnapStart (JDK 25, both compilers)", last.javaHome(), false,
                    last.toolOptions(), false));
        }
        for (LambdaJvm jvm : jvms) {
            Path keyed1 = keyedEvent(work.resolve("keyed-1.json"));
            Path keyed2 = keyedEvent(work.resolve("keyed-2.json"));
            List<String> command = jvm.command(function.memoryMb(), classPath, LambdaLauncher.class.getName(),
                    List.of("restore", function.handlerClass(), results.toString(), event.toString(), keyed1.toString(),
                            keyed2.toString()));
            command.add(1, LambdaLauncher.CRAC_STAND_IN); // the hooks run as Lambda's runtime runs them
            ChildRun run = ChildRun.run(jvm.name() + " restore", command, work, env(jvm, Map.of(Environment.INITIALIZATION_TYPE, Environment.SNAP_START)), results,
                    CHILD_TIMEOUT);
            count(run);
            if (!run.ok()) {
                continue;
            }
            long[] l = run.latencies();
            table.add("first invocation after priming: " + jvm.name(), us(l[0] / 1e3), "", "", "", "");
            table.add("first invocation with an Idempotency-Key after priming: " + jvm.name(), us(l[1] / 1e3),
                    us(l[3] / 1e3) + " (second)", ratio((double) l[1] / l[3]), "", "");
        }
    }

    /** The workshop's event with a fresh Idempotency-Key header. */
    private Path keyedEvent(Path file) {
        try {
            ObjectNode keyed = (ObjectNode) Answers.JSON.readTree(event.toFile());
            keyed.withObject("/headers").put(HeaderNames.IDEMPOTENCY_KEY, UUID.randomUUID().toString());
            Answers.JSON.writeValue(file.toFile(), keyed);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    // ---- the local gateway ----

    /**
     * The local stack in this JVM: POSTs through its gateway against raw PutItems at the same concurrency on its own
     * engine, each round on a fresh table: once just after the start, then in steady state (warm-up rounds until the
     * gateway's CPU per answer stops falling, then {@value #STEADY_PAIRS} interleaved pairs of rounds, their median
     * ratio); then where this JVM's CPU goes per request, by the threads that spent it in the same window (Jetty's,
     * the function's, the rest), and the SDK's PutItem alone.
     */
    private void gateway() {
        int c = settings.clients();
        progress.println("bench: the local gateway at " + c + " clients...");
        Duration measure = Duration.ofSeconds(settings.seconds());
        Duration settle = Duration.ofSeconds(1); // each round's first second, not counted: connections, a table's first writes
        try (LocalTarget target = new LocalTarget()) {
            SamTemplate template = target.values().template();
            Runnable fresh = () -> LocalTables.recreateTable(target.engine().client(), template, "PwaUsersTable",
                    target.table());
            Throughput.Caller post = Throughput.gatewayPost(target.apiUrl(), "/pwausers", 201);
            Throughput.Caller raw = Throughput.rawPutItem(target.engine().endpoint(), target.table());
            LongSupplier engineCpu = Throughput.processTreeCpu(target.engine().pid());
            LongSupplier functionCpu = Throughput.processesCpu(target::functionPids);
            Throughput.run(post, c, Duration.ofSeconds(Math.min(5, settings.seconds())), Duration.ZERO); // compiled once
            Pair first = pair(fresh, raw, post, c, settle, measure, engineCpu, functionCpu);
            table.add("gateway throughput, " + c + " clients, just after the start: POST /pwausers vs raw PutItem",
                    perSecond(first.gateway().perSecond()), perSecond(first.raw().perSecond()) + " (raw)",
                    percent(first.share()), "", "");
            int warmUpRounds = warmUpUntilSteady(post, c, settle, measure);
            List<Pair> pairs = new ArrayList<>();
            for (int i = 0; i < STEADY_PAIRS; i++) {
                pairs.add(pair(fresh, raw, post, c, settle, measure, engineCpu, functionCpu));
            }
            pairs.sort(Comparator.comparingDouble(Pair::share));
            Pair median = pairs.get(pairs.size() / 2);
            table.add("gateway throughput, " + c + " clients, steady state: POST /pwausers vs raw PutItem",
                    perSecond(median.gateway().perSecond()), perSecond(median.raw().perSecond()) + " (raw)",
                    percent(median.share()), ">= " + percent(GATEWAY_SHARE), met(median.share() >= GATEWAY_SHARE));
            Throughput.Result unrouted = Throughput.run(Throughput.gatewayPost(target.apiUrl(), "/not-routed", 403), c,
                    settle, measure, List.of(LocalStack.API_THREAD_NAME_PREFIX), () -> 0);
            count(unrouted, "POST to a path the gateway does not route");
            Map<String, String> env = new LinkedHashMap<>(function.environment());
            env.putAll(awsSettings(target.engine()));
            env.put(Environment.TABLE_NAME, target.table());
            double sdk = sdkPutItemMicros(env);
            Throughput.Result steady = median.gateway();
            double server = steady.serverCpuMicrosPerAnswer();
            double jetty = steady.threadCpuMicrosPerAnswer(LocalStack.API_THREAD_NAME_PREFIX);
            double handler = steady.functionCpuMicrosPerAnswer();
            if (jetty == 0 || handler == 0) { // a thread renamed, a process missed: the split would be wrong
                failures.add("the gateway's CPU: none in threads named " + LocalStack.API_THREAD_NAME_PREFIX
                        + "* (" + us(jetty) + ") or in the function's processes (" + us(handler) + ")");
            }
            table.add("gateway CPU per request, just after the start (this JVM, less the load generator)",
                    us(first.gateway().serverCpuMicrosPerAnswer()), "", "", "", "");
            table.add("gateway CPU per request, steady state (this JVM, less the load generator)", us(server), "", "",
                    "", "");
            machineAccount(median, target.engine().pid());
            notes.add(String.format(Locale.ROOT, "Gateway: steady state after %d warm-up rounds of %d s (at least %d,"
                            + " then until two in a row were within %.0f %% in CPU per answer, at most %d); ratios of the"
                            + " %d pairs (raw, then gateway, each on a fresh table): %s; the median is in the table.",
                    warmUpRounds, measure.toSeconds(), STEADY_MIN_ROUNDS, STEADY_CHANGE * 100, STEADY_BUDGET_ROUNDS,
                    STEADY_PAIRS, pairs.stream().map(pair -> percent(pair.share())).toList()));
            notes.add(String.format(Locale.ROOT, "The gateway's CPU per POST /pwausers in steady state, %.0f us in all,"
                            + " by thread: Jetty's (HTTP, routing, the event and its answer, the access log) %.0f us, of"
                            + " which a POST it answers 403 takes %.0f us; the function's processes (its handler, the"
                            + " SDK, Lambda's runtime client) %.0f us; the rest of the stack's JVM (the Runtime API, the"
                            + " JIT compiler, the GC) %.0f us. The"
                            + " SDK's PutItem alone, in one thread on the same engine: %.0f us. The load generator took"
                            + " %.0f us more per request.",
                    server, jetty, unrouted.threadCpuMicrosPerAnswer(LocalStack.API_THREAD_NAME_PREFIX), handler,
                    server - jetty - handler, sdk, steady.loadCpuMicrosPerAnswer()));
        }
    }

    /**
     * The CPU per request of every process that served a pair's rounds (the engine's and this JVM's), and from it the
     * most this machine's CPUs could serve at those costs, against what the target needs.
     */
    private void machineAccount(Pair median, long enginePid) {
        Throughput.Result steady = median.gateway();
        double server = steady.serverCpuMicrosPerAnswer();
        Throughput.Result rawSteady = median.raw();
        double machine = steady.machineCpuMicrosPerAnswer();
        double machineRaw = rawSteady.machineCpuMicrosPerAnswer();
        table.add("CPU per request of every process (the engine, this JVM), steady state: POST /pwausers vs raw"
                + " PutItem", us(machine), us(machineRaw) + " (raw)", ratio(machine / machineRaw), "", "");
        if (steady.engineCpuNanos() == 0 || rawSteady.engineCpuNanos() == 0) { // the pid of a wrapper, not the engine
            failures.add("the engine's CPU: none measured in the process tree of pid " + enginePid);
        }
        int cpus = Runtime.getRuntime().availableProcessors();
        double ceiling = cpus * 1e6 / machine;
        double needed = GATEWAY_SHARE * rawSteady.perSecond();
        double allowed = cpus * 1e6 / needed;
        notes.add(String.format(Locale.ROOT, "The machine's CPU per request in steady state: a raw PutItem costs the"
                        + " engine %.0f us and this JVM (the load generator) %.0f us; a POST /pwausers costs the"
                        + " engine %.0f us, the stack %.0f us and the load generator %.0f us, %.0f us in all. At"
                        + " those costs %d CPUs serve at most %.0f POSTs/s with every CPU busy, %s of the raw rate."
                        + " %s of raw (%.0f/s) allows at most %.0f us per POST in all: with the engine at its raw"
                        + " cost, %.0f us for the stack and the load generator (measured: %.0f). Each process's CPU"
                        + " per request grows as its rate falls (wake-ups are shared by fewer requests).",
                rawSteady.engineCpuMicrosPerAnswer(), machineRaw - rawSteady.engineCpuMicrosPerAnswer(),
                steady.engineCpuMicrosPerAnswer(), server, steady.loadCpuMicrosPerAnswer(), machine, cpus,
                ceiling, percent(ceiling / rawSteady.perSecond()), percent(GATEWAY_SHARE), needed, allowed,
                allowed - rawSteady.engineCpuMicrosPerAnswer(), server + steady.loadCpuMicrosPerAnswer()));
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

    /**
     * Rounds of the gateway's load until its CPU per answer is steady: at least {@value #STEADY_MIN_ROUNDS} rounds
     * (the JIT compiler works through the SDK's request path for tens of seconds, in steps, while the machine is
     * busy with the load), then until two rounds in a row are within {@value #STEADY_CHANGE} of each other, at most
     * {@value #STEADY_BUDGET_ROUNDS}; how many rounds that took.
     */
    private int warmUpUntilSteady(Throughput.Caller post, int clients, Duration settle, Duration measure) {
        double last = Double.NaN;
        for (int round = 1; round <= STEADY_BUDGET_ROUNDS; round++) {
            Throughput.Result result = Throughput.run(post, clients, settle, measure);
            count(result, "POST /pwausers through the gateway (warm-up)");
            double cpu = result.serverCpuMicrosPerAnswer();
            progress.println(String.format(Locale.ROOT, "bench: gateway warm-up round %d: %.0f answers/s, %.0f us CPU"
                    + " per answer", round, result.perSecond(), cpu));
            if (round >= STEADY_MIN_ROUNDS && Math.abs(cpu - last) <= last * STEADY_CHANGE) {
                return round;
            }
            last = cpu;
        }
        return STEADY_BUDGET_ROUNDS;
    }

    /** A raw round and a gateway round, one after the other, each on a fresh table. */
    private Pair pair(Runnable fresh, Throughput.Caller raw, Throughput.Caller post, int clients, Duration settle,
                      Duration measure, LongSupplier engineCpu, LongSupplier functionCpu) {
        fresh.run();
        Throughput.Result rawResult = Throughput.run(raw, clients, settle, measure, List.of(), engineCpu);
        count(rawResult, "raw PutItem");
        fresh.run();
        Throughput.Result gatewayResult = Throughput.run(post, clients, settle, measure,
                List.of(LocalStack.API_THREAD_NAME_PREFIX), engineCpu, functionCpu);
        count(gatewayResult, "POST /pwausers through the gateway");
        return new Pair(rawResult, gatewayResult);
    }

    /** A raw PutItem round and the gateway's round after it. */
    private record Pair(Throughput.Result raw, Throughput.Result gateway) {
        double share() {
            return gateway.perSecond() / raw.perSecond();
        }
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", share * 100);
    }

    /**
     * CPU of this thread per PutItem of an SDK client like the function's (the CRT HTTP client; the function's own
     * request: a PutItem on the condition that the id is new), after a warm-up, in us.
     */
    private double sdkPutItemMicros(Map<String, String> env) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int n = Math.max(200, settings.calls());
        try (DynamoDbClient client = DynamoDbClient.builder()
                .httpClient(AwsCrtHttpClient.create())
                .endpointOverride(URI.create(env.get(Environment.ENDPOINT_URL_DYNAMODB)))
                .region(Region.of(env.get(Environment.REGION)))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        env.get(Environment.ACCESS_KEY_ID), env.get(Environment.SECRET_ACCESS_KEY))))
                .build()) {
            long start = 0;
            for (int i = 0; i < n * 2; i++) {
                if (i == n) {
                    start = threads.getCurrentThreadCpuTime();
                }
                client.putItem(b -> b.tableName(env.get(Environment.TABLE_NAME))
                        .item(Map.of(
                                PwaUsersTable.ID, AttributeValue.fromS(UUID.randomUUID().toString()),
                                PwaUsersTable.FIRSTNAME, AttributeValue.fromS("Mickey"),
                                PwaUsersTable.LASTNAME, AttributeValue.fromS("Mouse"),
                                PwaUsersTable.CREATED_AT, AttributeValue.fromS(Instant.now().toString())))
                        .conditionExpression("attribute_not_exists(#id)")
                        .expressionAttributeNames(Map.of("#id", PwaUsersTable.ID))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
                invocations++;
            }
            return (threads.getCurrentThreadCpuTime() - start) / 1e3 / n;
        }
    }

    // ---- the deployment package ----

    private void deploymentPackage(Path jar) {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
            long bytes = Files.size(jar);
            table.add("deployment package (" + jar.getFileName() + ")", String.format(Locale.ROOT, "%.2f MB", bytes / 1e6),
                    "", String.format(Locale.ROOT, "%,d entries", zip.size()), "", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- children ----

    /** What every child gets: the function's environment from the template, pointed at the bench's engine. */
    private Map<String, String> childEnvironment(Dynalite dynalite, LocalValues values) {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        e.put("HOME", work.resolve("home").toString()); // no ~/.aws files for either runtime to read
        e.put("LANG", "C.UTF-8");
        e.put("LD_LIBRARY_PATH", task + ":" + task.resolve("lib")); // Lambda's holds /var/task and /var/task/lib
        e.putAll(awsSettings(dynalite));
        e.put("AWS_EC2_METADATA_DISABLED", "true");
        e.put(BenchContext.FUNCTION_NAME, function.name());
        e.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        e.putAll(function.environment());
        e.remove("JAVA_TOOL_OPTIONS"); // each JVM configuration sets its own
        return e;
    }

    private static Map<String, String> awsSettings(Dynalite dynalite) {
        return Map.of(Environment.ENDPOINT_URL_DYNAMODB, dynalite.endpoint().toString(),
                Environment.REGION, LocalValues.REGION,
                Environment.ACCESS_KEY_ID, "local", Environment.SECRET_ACCESS_KEY, "local");
    }

    private Map<String, String> env(LambdaJvm jvm, Map<String, String> more) {
        Map<String, String> e = new LinkedHashMap<>(environment);
        if (!jvm.toolOptions().isBlank()) {
            e.put("JAVA_TOOL_OPTIONS", jvm.toolOptions());
        }
        e.putAll(more);
        return e;
    }

    private void count(ChildRun run) {
        invocations += run.answers().size();
        String problem = run.problem();
        if (problem != null) {
            failures.add(problem);
        }
    }

    private void count(Throughput.Result result, String what) {
        invocations += result.answered();
        if (result.bad() > 0) {
            failures.add(what + ": " + result.bad() + " of " + result.answered() + " answers were not the expected status");
        }
    }

    // ---- the report ----

    private void ratioRow(String measure, String javaCell, double java, String refCell, double ref, String target,
                          double limit) {
        double r = java / ref;
        table.add(measure, javaCell, refCell, ratio(r), target, Double.isNaN(limit) ? "" : met(r <= limit));
    }

    private void printReport(PrintStream p, List<LambdaJvm> deployed) {
        p.println();
        p.println("pwa-users bench: " + Machine.describe());
        p.println("Java: the deployment jar on the class path as Lambda's runtime loads it, started with Lambda's JVM"
                + " flags and template.yaml's JAVA_TOOL_OPTIONS (" + (deployed.get(0).toolOptions().isBlank() ? "none"
                : deployed.get(0).toolOptions()) + "), " + function.memoryMb() + " MB; " + NODE + ": bench/node-peer."
                + " Reference: " + NODE + " unless the row says otherwise.");
        if (settings.sections().contains(Section.COLD)) {
            p.println("Cold starts: " + settings.rounds() + " rounds, each configuration once per round in rotating"
                    + " order; time from spawn to the answer; CPU of the whole process to the answer; peak RSS (VmHWM).");
        }
        if (settings.sections().contains(Section.WARM)) {
            p.println("Warm: " + settings.warmup() + " warm-up then " + settings.calls() + " timed invocations in one"
                    + " process, each on an empty table; " + settings.warmRounds() + " rounds, each configuration once"
                    + " per round in rotating order; medians.");
        }
        if (settings.sections().contains(Section.GATEWAY)) {
            p.println("Gateway: " + settings.clients() + " clients for " + settings.seconds() + " s a round, just"
                    + " after the start and in steady state (see its notes).");
        }
        p.println();
        table.print(p);
        p.println();
        notes.forEach(n -> p.println("note: " + n));
        if (failures.isEmpty()) {
            p.println("all " + invocations + " invocations gave the expected answer (the workshop's 201 for Mickey"
                    + " Mouse; 200 for a raw PutItem; 403 for a path the gateway does not route).");
        } else {
            p.println(failures.size() + " FAILURE(S) among " + invocations + " invocations:");
            failures.forEach(f -> p.println("  " + f.replace("\n", "\n    ")));
        }
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

    static String met(boolean met) {
        return met ? "yes" : "**no**";
    }

    static String ms(double millis) {
        return Double.isNaN(millis) ? "n/a" : String.format(Locale.ROOT, "%.0f ms", millis);
    }

    static String us(double micros) {
        return Double.isNaN(micros) ? "n/a" : String.format(Locale.ROOT, "%,.0f us", micros);
    }

    static String mib(double mib) {
        return Double.isNaN(mib) ? "n/a" : String.format(Locale.ROOT, "%.1f MiB", mib);
    }

    static String ratio(double r) {
        return Double.isNaN(r) || Double.isInfinite(r) ? "n/a" : String.format(Locale.ROOT, "%.2fx", r);
    }

    static String perSecond(double r) {
        return String.format(Locale.ROOT, "%,.0f/s", r);
    }

    /** Every section. */
    static Set<Section> allSections() {
        return EnumSet.allOf(Section.class);
    }
}
