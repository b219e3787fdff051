package pwausers.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import pwausers.bench.child.ColdStart;
import pwausers.bench.child.RawFloor;
import pwausers.bench.child.WarmLatency;
import pwausers.local.engine.Dynalite;
import pwausers.local.engine.LocalTables;
import pwausers.local.engine.ProjectFiles;
import pwausers.local.engine.SamTemplate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code ./pwa-users bench}: the function as packaged beside the Node.js reference peer, on one dynalite engine, in
 * one run; one table of paired figures. It prints figures and judges them against the targets; it never
 * fails on a figure, only when an invocation did not answer 201.
 */
final class Bench {
    static final String TABLE = "PwaUsers";
    private static final String FUNCTION = "AddPwaUser";
    /** The shaded jar that function/pom.xml builds and SAM deploys (function/Makefile puts it in the artifact's lib/). */
    private static final String DEPLOYMENT_JAR = "function/target/add-pwa-user.jar";
    private static final Duration CHILD_TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern WARM_LINE =
            Pattern.compile("warm n=(\\d+) bad=(\\d+) p50_us=(\\d+) p90_us=(\\d+) p99_us=(\\d+)");

    /** What a run produced: the table, everything printed, and every invocation that did not answer as expected. */
    record Report(ResultTable table, String text, long invocations, List<String> failures) {
    }

    private record Warm(double p50, double p99) {
    }

    private final BenchOptions options;
    private final PrintStream out;
    private final PrintStream progress;
    private final ResultTable table = new ResultTable();
    private final List<String> failures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private long invocations;

    private Path work;
    private String classPath;
    private String handlerClass;
    private Path event;
    private Map<String, String> env;
    private NodePeer peer;
    private String noPeer;

    Bench(BenchOptions options, PrintStream out, PrintStream progress) {
        this.options = options;
        this.out = out;
        this.progress = progress;
    }

    Report run() {
        Path root = ProjectFiles.root();
        SamTemplate template = SamTemplate.read(ProjectFiles.template());
        Map<String, Object> function = template.properties(FUNCTION);
        Path jar = root.resolve(DEPLOYMENT_JAR);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no deployment jar at " + jar + ": build it with ./mvnw -q -pl function -am package");
        }
        String handler = (String) function.get("Handler");
        handlerClass = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        List<String> templateFlags = templateJvmFlags(function);
        work = root.resolve("bench").resolve("target").resolve("bench-work");
        event = ProjectFiles.eventsDir().resolve("workshop-test-event.json");
        try {
            Files.createDirectories(work.resolve("home"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + work, e);
        }
        jar = snapshot(jar);
        classPath = jar + ":" + ChildJar.write(work.resolve("bench-child.jar"));

        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (Dynalite dynalite = Dynalite.start()) {
            LocalTables.ensureTable(dynalite.client(), template, "PwaUsersTable", TABLE);
            env = childEnvironment(dynalite);
            installPeer(root);
            List<JavaVariant> variants = prepare(variants(templateFlags));
            coldStarts(variants, false);
            coldStarts(variants, true);
            warm(templateFlags, () -> freshTable(dynalite, template));
            throughput(dynalite, template);
            jarSize(jar);
        }
        try (PrintStream both = new PrintStream(new TeeStream(out, captured), true, StandardCharsets.UTF_8)) {
            printReport(both, templateFlags);
        }
        return new Report(table, captured.toString(StandardCharsets.UTF_8), invocations, List.copyOf(failures));
    }

    /**
     * A copy of the deployment jar in the work directory, so that a rebuild of function/ during the run changes
     * nothing (class-data archives name their jars, and refuse one that changed since).
     */
    private Path snapshot(Path jar) {
        Path copy = work.resolve(jar.getFileName());
        try {
            Files.copy(jar, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + jar + " to " + copy, e);
        }
        return copy;
    }

    // ---- the variants of the Java cold start ----

    private List<JavaVariant> variants(List<String> templateFlags) {
        Path java17 = Path.of(System.getProperty("java.home"));
        String here = "Java " + Runtime.version().feature();
        List<JavaVariant> variants = new ArrayList<>(List.of(
                new JavaVariant(here + ", default flags", java17, List.of(), JavaVariant.Archive.NONE),
                new JavaVariant(here + ", template flags", java17, templateFlags, JavaVariant.Archive.NONE),
                new JavaVariant(here + ", template flags + AppCDS", java17, templateFlags, JavaVariant.Archive.APP_CDS)));
        Path java25 = options.java25Home() != null ? options.java25Home() : findJdk25();
        if (java25 != null && Runtime.version().feature() < 25) {
            variants.add(new JavaVariant("Java 25, template flags", java25, templateFlags, JavaVariant.Archive.NONE));
            variants.add(new JavaVariant("Java 25, template flags + AOT cache", java25, templateFlags,
                    JavaVariant.Archive.AOT_CACHE));
        } else if (java25 == null) {
            notes.add("No JDK 25 found (give one with --java25 DIR): the AOT cache rows are left out.");
        }
        return variants;
    }

    /** Makes each variant's archive with a training run; a variant whose training fails is left out, with a note. */
    private List<JavaVariant> prepare(List<JavaVariant> variants) {
        List<JavaVariant> ready = new ArrayList<>();
        for (JavaVariant v : variants) {
            if (!v.available()) {
                notes.add(v.name() + ": no java at " + v.java() + ", left out.");
                continue;
            }
            if (v.archive() != JavaVariant.Archive.NONE) {
                progress.println("bench: training " + v.name() + "...");
                try {
                    Files.deleteIfExists(v.archiveFile(work));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                ChildRun training = runChild(v.trainingCommand(work, classPath, ColdStart.class.getName(), coldArgs()),
                        work, v.name() + " (training)", false);
                if (!training.ok() || !Files.isRegularFile(v.archiveFile(work))) {
                    notes.add(v.name() + ": the training run made no archive, left out:\n" + training.head());
                    continue;
                }
            }
            ready.add(v);
        }
        return ready;
    }

    private List<String> coldArgs() {
        return List.of(handlerClass, event.toString());
    }

    // ---- cold start ----

    private void coldStarts(List<JavaVariant> variants, boolean pinned) {
        int cpus = Runtime.getRuntime().availableProcessors();
        List<String> pin = pinned ? List.of("taskset", "-c", Integer.toString(cpus - 1)) : List.of();
        String where = pinned ? " pinned to CPU " + (cpus - 1) : "";
        progress.println("bench: " + options.coldRuns() + " rounds of cold starts" + where + "...");
        Map<String, List<ChildRun>> runs = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        if (peer != null) {
            order.add("node");
        }
        variants.forEach(v -> order.add(v.name()));
        order.forEach(name -> runs.put(name, new ArrayList<>()));
        for (int round = 0; round < options.coldRuns(); round++) {
            for (int k = 0; k < order.size(); k++) {
                String name = order.get((k + round) % order.size()); // rotate, so that no one always goes first
                List<String> command = new ArrayList<>(pin);
                if (name.equals("node")) {
                    command.addAll(peer.coldStartCommand());
                    runs.get(name).add(runChild(command, peer.dir(), "Node.js cold start" + where));
                } else {
                    JavaVariant v = variants.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
                    command.addAll(v.command(work, classPath, ColdStart.class.getName(), coldArgs()));
                    runs.get(name).add(runChild(command, work, v.name() + " cold start" + where));
                }
            }
        }
        List<ChildRun> node = runs.getOrDefault("node", List.of());
        double nodeWall = medianWall(node);
        double nodeRss = Stats.median(node.stream().filter(ChildRun::ok).map(ChildRun::peakRssMib).toList());
        for (JavaVariant v : variants) {
            List<ChildRun> java = runs.get(v.name());
            double wall = medianWall(java);
            String label = (pinned ? "cold start pinned to 1 CPU, median: " : "cold start to 201, median: ") + v.name();
            double target = pinned ? 1.3 : 1.0;
            addRatioRow(label, ms(wall), wall, nodeWall, ms(nodeWall), target, "x Node");
            if (!pinned) {
                double rss = Stats.median(java.stream().filter(ChildRun::ok).map(ChildRun::peakRssMib).toList());
                table.add("cold start peak RSS, median: " + v.name(), mib(rss), peer == null ? noPeerCell() : mib(nodeRss),
                        peer == null ? "" : ratio(rss / nodeRss), "<= 64 MiB", rss <= 64);
            }
        }
    }

    private static double medianWall(List<ChildRun> runs) {
        return Stats.median(runs.stream().filter(ChildRun::ok).map(ChildRun::wallMillis).toList());
    }

    private void addRatioRow(String label, String javaCell, double java, double reference, String referenceCell,
                             double target, String unit) {
        if (peer == null) {
            table.add(label, javaCell, noPeerCell(), "n/a", "<= " + target + unit, null);
        } else {
            table.add(label, javaCell, referenceCell, ratio(java / reference), "<= " + target + unit,
                    java / reference <= target);
        }
    }

    // ---- warm latency ----

    /**
     * An empty table before each warm run: dynalite's PutItem slows down as its store grows, so each runtime starts
     * from the same state instead of the last one paying for the others' items.
     */
    private static void freshTable(Dynalite dynalite, SamTemplate template) {
        freshTable(dynalite, template, TABLE);
    }

    private static void freshTable(Dynalite dynalite, SamTemplate template, String name) {
        LocalTables.recreateTable(dynalite.client(), template, "PwaUsersTable", name);
    }

    private void warm(List<String> templateFlags, Runnable freshTable) {
        progress.println("bench: warm latency (" + options.warmup() + " + " + options.timed() + " invocations each)...");
        Path java17 = Path.of(System.getProperty("java.home"));
        Map<Integer, Warm> floors = new LinkedHashMap<>(); // the floor after as many warm-up calls (as many items)
        java.util.function.IntFunction<Warm> floorAfter = warmup -> floors.computeIfAbsent(warmup, n -> {
            freshTable.run();
            return warmRun(new JavaVariant("floor", java17, List.of(), JavaVariant.Archive.NONE)
                    .command(work, classPath, RawFloor.class.getName(), List.of(env.get("AWS_ENDPOINT_URL_DYNAMODB"),
                            TABLE, Integer.toString(n), Integer.toString(options.timed()))), work,
                    "floor (raw PutItem)", n);
        });
        Warm floor = floorAfter.apply(options.warmup());
        if (peer != null) {
            freshTable.run();
        }
        Warm node = peer == null ? null
                : warmRun(peer.warmCommand(options.warmup(), options.timed()), peer.dir(), "Node.js warm.js");
        String here = "Java " + Runtime.version().feature();
        int steady = options.warmup() * 40;
        record WarmCase(JavaVariant variant, int warmup, String label) {
        }
        for (WarmCase w : List.of(
                new WarmCase(new JavaVariant(here + ", template flags", java17, templateFlags, JavaVariant.Archive.NONE),
                        options.warmup(), here + ", template flags"),
                new WarmCase(new JavaVariant(here + ", default flags", java17, List.of(), JavaVariant.Archive.NONE),
                        options.warmup(), here + ", default flags"),
                new WarmCase(new JavaVariant(here + ", default flags", java17, List.of(), JavaVariant.Archive.NONE),
                        steady, here + ", default flags, steady state (" + steady + " warm-up)"))) {
            freshTable.run();
            Warm java = warmRun(w.variant().command(work, classPath, WarmLatency.class.getName(), List.of(handlerClass,
                    event.toString(), Integer.toString(w.warmup()), Integer.toString(options.timed()))), work,
                    w.label() + " warm", w.warmup());
            if (java == null) {
                continue;
            }
            addRatioRow("warm p50: " + w.label(), us(java.p50), java.p50, node == null ? Double.NaN : node.p50,
                    node == null ? "" : us(node.p50), 1.0, "x Node");
            table.add("warm p99: " + w.label(), us(java.p99), node == null ? noPeerCell() : us(node.p99),
                    node == null ? "n/a" : ratio(java.p99 / node.p99), "", null);
            Warm same = floorAfter.apply(w.warmup());
            if (floor != null && same != null) {
                double overhead = java.p50 - same.p50;
                table.add("handler overhead over raw PutItem, p50: " + w.label(), us(overhead),
                        node == null ? noPeerCell() : us(node.p50 - floor.p50) + " (Node)",
                        String.format(Locale.ROOT, "floor %s", us(same.p50)), "<= 30 us", overhead <= 30);
            }
        }
    }

    private Warm warmRun(List<String> command, Path dir, String what) {
        return warmRun(command, dir, what, options.warmup());
    }

    private Warm warmRun(List<String> command, Path dir, String what, int warmup) {
        ChildRun run = runChild(command, dir, what, false);
        invocations += warmup + options.timed();
        Matcher m = WARM_LINE.matcher(run.output());
        if (!run.ok() || !m.find()) {
            failures.add(what + ": exit " + run.exitCode() + "\n" + run.head());
            return null;
        }
        if (Integer.parseInt(m.group(2)) > 0) {
            failures.add(what + ": " + m.group(2) + " answers were not 201");
        }
        return new Warm(Double.parseDouble(m.group(3)), Double.parseDouble(m.group(5)));
    }

    // ---- throughput ----

    /**
     * Gateway POSTs against raw PutItems at the same concurrency, both on the gateway's own engine: an external
     * gateway (--gateway URL) uses this run's dynalite; otherwise the local stack is started in this process.
     */
    private void throughput(Dynalite dynalite, SamTemplate template) {
        int c = options.concurrency();
        String label = "throughput, " + c + " concurrent: gateway vs raw PutItem";
        progress.println("bench: throughput at " + c + " concurrent...");
        if (options.gateway() != null) {
            loadPair(label + " (" + options.gateway() + ")", Throughput.rawPutItem(dynalite.endpoint(), TABLE),
                    Throughput.gatewayPost(options.gateway()), () -> freshTable(dynalite, template));
            return;
        }
        LocalGateway stack;
        try {
            stack = LocalGateway.start();
        } catch (IllegalStateException e) {
            freshTable(dynalite, template);
            Throughput.Result raw = Throughput.run(Throughput.rawPutItem(dynalite.endpoint(), TABLE), c,
                    Duration.ofSeconds(Math.min(2, options.loadSeconds())), Duration.ofSeconds(options.loadSeconds()));
            count(raw, "raw PutItem under load");
            table.add(label, "gateway: not available", perSecond(raw.perSecond()) + " (raw)", "n/a", ">= 95 %", null);
            notes.add("Throughput: the local gateway is not available (" + e.getMessage() + "); give one with --gateway URL.");
            return;
        }
        try (stack) {
            loadPair(label + " (local stack)", Throughput.rawPutItem(stack.dynamodbEndpoint(), stack.table()),
                    Throughput.gatewayPost(stack.apiUrl()), () -> freshTable(stack.engine(), template, stack.table()));
        }
    }

    /**
     * Raw PutItem, then the gateway, each on a fresh table after a warm-up of its own (the in-process gateway's code
     * is compiled by then). Notes the CPU time this JVM spent per answer: the load generator alone for raw
     * PutItem; the load generator, the gateway, the function and the SDK for the gateway.
     */
    private void loadPair(String label, Throughput.Caller rawCaller, Throughput.Caller gatewayCaller, Runnable fresh) {
        int c = options.concurrency();
        Duration warmup = Duration.ofSeconds(Math.min(5, options.loadSeconds()));
        Duration measure = Duration.ofSeconds(options.loadSeconds());
        Throughput.run(gatewayCaller, c, warmup, Duration.ZERO); // JIT warm-up of the gateway, not counted
        fresh.run();
        long cpu0 = processCpuNanos();
        Throughput.Result raw = Throughput.run(rawCaller, c, warmup, measure);
        long cpu1 = processCpuNanos();
        count(raw, "raw PutItem under load");
        fresh.run();
        long cpu2 = processCpuNanos();
        Throughput.Result gateway = Throughput.run(gatewayCaller, c, warmup, measure);
        long cpu3 = processCpuNanos();
        count(gateway, "gateway POST /pwausers under load");
        addThroughputRow(label, gateway, raw);
        double seconds = (warmup.toNanos() + measure.toNanos()) / 1e9;
        notes.add(String.format(Locale.ROOT, "Throughput: this JVM's CPU per answer: %.0f us for raw PutItem (the load"
                        + " generator), %.0f us through the gateway (load generator, gateway, function, SDK).",
                (cpu1 - cpu0) / 1e3 / (raw.perSecond() * seconds), (cpu3 - cpu2) / 1e3 / (gateway.perSecond() * seconds)));
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private void addThroughputRow(String label, Throughput.Result gateway, Throughput.Result raw) {
        double share = gateway.perSecond() / raw.perSecond();
        table.add(label, perSecond(gateway.perSecond()), perSecond(raw.perSecond()) + " (raw)",
                String.format(Locale.ROOT, "%.0f %%", share * 100), ">= 95 %", share >= 0.95);
    }

    private void count(Throughput.Result result, String what) {
        invocations += result.answered();
        if (result.bad() > 0) {
            failures.add(what + ": " + result.bad() + " of " + result.answered() + " answers were not the expected status");
        }
    }

    // ---- jar size ----

    private void jarSize(Path jar) {
        try {
            long bytes = Files.size(jar);
            table.add("deployment jar (" + jar.getFileName() + ")", String.format(Locale.ROOT, "%.2f MB", bytes / 1e6),
                    "", String.format(Locale.ROOT, "%,d bytes", bytes), "<= 6 MB", bytes <= 6_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- children ----

    private ChildRun runChild(List<String> command, Path dir, String what) {
        return runChild(command, dir, what, true);
    }

    private ChildRun runChild(List<String> command, Path dir, String what, boolean countIt) {
        ChildRun run = ChildRun.run(command, dir, env, work.resolve("child.out"), CHILD_TIMEOUT);
        if (countIt) {
            invocations++;
            if (!run.ok()) {
                failures.add(what + ": exit " + run.exitCode() + "\n" + run.head());
            }
        }
        return run;
    }

    private Map<String, String> childEnvironment(Dynalite dynalite) {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        e.put("HOME", work.resolve("home").toString()); // no ~/.aws files for either runtime to read
        e.put("LANG", "C.UTF-8");
        e.put("AWS_ENDPOINT_URL_DYNAMODB", dynalite.endpoint().toString());
        e.put("AWS_REGION", "us-east-1");
        e.put("AWS_ACCESS_KEY_ID", "local");
        e.put("AWS_SECRET_ACCESS_KEY", "local");
        e.put("AWS_EC2_METADATA_DISABLED", "true");
        e.put("TABLE_NAME", TABLE);
        e.put("ALLOWED_ORIGIN", "*");
        return e;
    }

    private void installPeer(Path root) {
        Path source = options.peerSource() != null ? options.peerSource() : NodePeer.defaultSource(root);
        progress.println("bench: preparing the Node.js peer from " + source + "...");
        try {
            peer = NodePeer.install(source, work);
        } catch (IllegalStateException | UncheckedIOException e) {
            noPeer = e.getMessage();
            progress.println("pwa-users bench: NO NODE.JS PEER: " + noPeer + "; the Java rows are measured alone.");
            notes.add("The Node.js peer is not available (" + noPeer + "): its columns say n/a.");
        }
    }

    // ---- the report ----

    private void printReport(PrintStream p, List<String> templateFlags) {
        p.println();
        p.println("pwa-users bench: " + machine());
        p.println("cold starts: " + options.coldRuns() + " rounds, each runtime once per round in rotating order; "
                + "wall time from spawn to exit; peak RSS is the process's VmHWM at exit.");
        p.println("warm: " + options.warmup() + " warm-up then " + options.timed() + " timed invocations in one process. "
                + "Template flags (JAVA_TOOL_OPTIONS in template.yaml): " + String.join(" ", templateFlags));
        p.println();
        table.print(p);
        p.println();
        for (String note : notes) {
            p.println("note: " + note);
        }
        if (failures.isEmpty()) {
            p.println("all " + invocations + " invocations answered as expected (201; 200 for raw PutItem).");
        } else {
            p.println(failures.size() + " FAILURE(S) among " + invocations + " invocations:");
            failures.forEach(f -> p.println("  " + f.replace("\n", "\n    ")));
        }
    }

    private String machine() {
        String cpu = "";
        long memKib = 0;
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("");
            memKib = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(0L);
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return Runtime.getRuntime().availableProcessors() + " CPUs (" + cpu + "), "
                + Math.round(memKib / 1024.0 / 1024.0) + " GiB, " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + "; Java " + System.getProperty("java.runtime.version")
                + "; node " + command("node", "--version") + "; dynalite " + dynaliteVersion()
                + "; DynamoDB engine: dynalite in memory on 127.0.0.1";
    }

    private static String command(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor();
            return text;
        } catch (IOException e) {
            return "(not found)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    private static String dynaliteVersion() {
        Path pkg = ProjectFiles.root().resolve("local/engine/node_modules/dynalite/package.json");
        try {
            Matcher m = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"").matcher(Files.readString(pkg));
            return m.find() ? m.group(1) : "?";
        } catch (IOException e) {
            return "?";
        }
    }

    /** JAVA_TOOL_OPTIONS from the function's Environment in template.yaml, split into flags. */
    @SuppressWarnings("unchecked")
    private static List<String> templateJvmFlags(Map<String, Object> function) {
        Object variables = function.get("Environment") instanceof Map<?, ?> e ? e.get("Variables") : null;
        Object options = variables instanceof Map<?, ?> v ? ((Map<String, Object>) v).get("JAVA_TOOL_OPTIONS") : null;
        return options instanceof String s && !s.isBlank() ? List.of(s.strip().split("\\s+")) : List.of();
    }

    private static Path findJdk25() {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        try (Stream<Path> dirs = Files.list(jvms)) {
            return dirs.filter(d -> d.getFileName().toString().matches(".*-25([.-].*)?")
                            && Files.isExecutable(d.resolve("bin/java")))
                    .sorted().findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private String noPeerCell() {
        return "n/a (no Node.js peer)";
    }

    private static String ms(double millis) {
        return Double.isNaN(millis) ? "n/a" : String.format(Locale.ROOT, "%.0f ms", millis);
    }

    private static String us(double micros) {
        return Double.isNaN(micros) ? "n/a" : String.format(Locale.ROOT, "%.0f us", micros);
    }

    private static String mib(double mib) {
        return Double.isNaN(mib) ? "n/a" : String.format(Locale.ROOT, "%.1f MiB", mib);
    }

    private static String ratio(double r) {
        return Double.isNaN(r) ? "n/a" : String.format(Locale.ROOT, "%.2fx", r);
    }

    private static String perSecond(double r) {
        return String.format(Locale.ROOT, "%,.0f/s", r);
    }
}
