package pwausers.bench.measure;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import pwausers.bench.load.LocalTarget;
import pwausers.bench.results.SectionResult;
import pwausers.bench.rig.Rig;
import pwausers.cli.BenchArguments.Section;
import pwausers.function.contract.Environment;
import pwausers.function.contract.PwaUsersTable;
import pwausers.local.engine.LocalTables;
import pwausers.local.up.LocalStack;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The local gateway: the local stack in this JVM (its function in processes of its own), POSTs through it against raw
 * PutItems at the same concurrency on its own engine, each round on a fresh table: once just after the start, then in
 * steady state (warm-up rounds until the gateway's CPU per answer stops falling, then interleaved pairs of rounds);
 * a round to a path it does not route (Jetty and routing alone), and the SDK's PutItem alone in one thread.
 * {@link GatewayAccount} makes the rows.
 */
public final class GatewayThroughput implements Measurer {
    private final Supplier<LocalTarget> stack;
    private final boolean ownsStack;

    /** On a stack of its own, started for the part and stopped after it: every run of the command. */
    public GatewayThroughput() {
        this(LocalTarget::new, true);
    }

    /** On a stack that the caller started and stops: the tests' quick run shares the load scenarios' stack. */
    public GatewayThroughput(Supplier<LocalTarget> shared) {
        this(shared, false);
    }

    private GatewayThroughput(Supplier<LocalTarget> stack, boolean ownsStack) {
        this.stack = stack;
        this.ownsStack = ownsStack;
    }

    @Override
    public Section section() {
        return Section.GATEWAY;
    }

    @Override
    public SectionResult measure(Rig rig) {
        int c = rig.settings().clients();
        rig.progress().println("bench: the local gateway at " + c + " clients...");
        rig.stopEngine(); // the stack brings its own: nothing else runs beside it
        Duration measure = Duration.ofSeconds(rig.settings().seconds());
        // each round's first second, not counted: connections, first writes (a quick run's rounds, whose figures no
        // doc cites, settle for a fifth of it)
        Duration settle = rig.settings().quick() ? Duration.ofMillis(200) : Duration.ofSeconds(1);
        LocalTarget target = stack.get();
        try {
            Runnable fresh = () -> LocalTables.recreateTable(target.engine().client(), target.values().template(),
                    PwaUsersTable.LOGICAL_ID, target.table());
            Throughput.Caller post = Throughput.gatewayPost(target.apiUrl(), "/pwausers", 201);
            Throughput.Caller raw = Throughput.rawPutItem(target.engine().endpoint(), target.table());
            LongSupplier engineCpu = Throughput.processTreeCpu(target.engine().pid());
            LongSupplier functionCpu = Throughput.processesCpu(target::functionPids);
            Throughput.run(post, c, Duration.ofSeconds(Math.min(5, rig.settings().seconds())), Duration.ZERO);
            GatewayAccount.Pair first = pair(rig, fresh, raw, post, settle, measure, engineCpu, functionCpu);
            int warmUpRounds = warmUpUntilSteady(rig, post, settle, measure);
            List<GatewayAccount.Pair> pairs = new ArrayList<>();
            for (int i = 0; i < rig.settings().gatewayPairs(); i++) {
                pairs.add(pair(rig, fresh, raw, post, settle, measure, engineCpu, functionCpu));
            }
            Throughput.Result unrouted = Throughput.run(Throughput.gatewayPost(target.apiUrl(), "/not-routed", 403), c,
                    settle, measure, List.of(LocalStack.API_THREAD_NAME_PREFIX), () -> 0);
            count(rig, unrouted, "POST to a path the gateway does not route");
            Map<String, String> env = Rig.awsSettings(target.engine());
            GatewayAccount account = new GatewayAccount(c, rig.settings().seconds(), first, pairs, warmUpRounds,
                    rig.settings().gatewayWarmUpBudget(), unrouted, sdkPutItemMicros(rig, env, target.table()),
                    Runtime.getRuntime().availableProcessors());
            account.problems().forEach(p -> rig.count(0, p));
            return new SectionResult("gateway", List.of("Gateway: " + c + " clients for " + measure.toSeconds()
                    + " s a round, just after the start and in steady state (see its notes)."), account.rows(),
                    account.notes());
        } finally {
            if (ownsStack) {
                target.close();
            }
        }
    }

    /** Warm-up rounds until the gateway's CPU per answer is steady ({@link GatewayAccount#steady}); how many. */
    private static int warmUpUntilSteady(Rig rig, Throughput.Caller post, Duration settle, Duration measure) {
        double last = Double.NaN;
        int budget = rig.settings().gatewayWarmUpBudget();
        for (int round = 1; round <= budget; round++) {
            Throughput.Result result = Throughput.run(post, rig.settings().clients(), settle, measure);
            count(rig, result, "POST /pwausers through the gateway (warm-up)");
            double cpu = result.serverCpuMicrosPerAnswer();
            rig.progress().println(String.format(Locale.ROOT, "bench: gateway warm-up round %d: %.0f answers/s, %.0f us"
                    + " CPU per answer", round, result.perSecond(), cpu));
            if (GatewayAccount.steady(round, last, cpu)) {
                return round;
            }
            last = cpu;
        }
        return budget;
    }

    /** A raw round and a gateway round, one after the other, each on a fresh table. */
    private static GatewayAccount.Pair pair(Rig rig, Runnable fresh, Throughput.Caller raw, Throughput.Caller post,
                                            Duration settle, Duration measure, LongSupplier engineCpu,
                                            LongSupplier functionCpu) {
        int c = rig.settings().clients();
        fresh.run();
        Throughput.Result rawResult = Throughput.run(raw, c, settle, measure, List.of(), engineCpu);
        count(rig, rawResult, "raw PutItem");
        fresh.run();
        Throughput.Result gatewayResult = Throughput.run(post, c, settle, measure,
                List.of(LocalStack.API_THREAD_NAME_PREFIX), engineCpu, functionCpu);
        count(rig, gatewayResult, "POST /pwausers through the gateway");
        return new GatewayAccount.Pair(rawResult, gatewayResult);
    }

    private static void count(Rig rig, Throughput.Result result, String what) {
        rig.count(result.answered(), result.bad() == 0 ? null
                : what + ": " + result.bad() + " of " + result.answered() + " answers were not the expected status");
    }

    /**
     * CPU of this thread per PutItem of an SDK client like the function's (the CRT HTTP client; the function's own
     * request: a PutItem on the condition that the id is new), after a warm-up, in us.
     */
    private static double sdkPutItemMicros(Rig rig, Map<String, String> env, String table) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int n = rig.settings().quick() ? rig.settings().calls() : Math.max(200, rig.settings().calls());
        try (DynamoDbClient client = DynamoDbClient.builder()
                .httpClient(AwsCrtHttpClient.create())
                .endpointOverride(URI.create(env.get(Environment.ENDPOINT_URL_DYNAMODB)))
                .region(Region.of(env.get(Environment.REGION)))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build()) {
            long start = 0;
            for (int i = 0; i < n * 2; i++) {
                if (i == n) {
                    start = threads.getCurrentThreadCpuTime();
                }
                client.putItem(b -> b.tableName(table)
                        .item(Map.of(
                                PwaUsersTable.ID, AttributeValue.fromS(UUID.randomUUID().toString()),
                                PwaUsersTable.FIRSTNAME, AttributeValue.fromS("Mickey"),
                                PwaUsersTable.LASTNAME, AttributeValue.fromS("Mouse"),
                                PwaUsersTable.CREATED_AT, AttributeValue.fromS(Instant.now().toString())))
                        .conditionExpression("attribute_not_exists(#id)")
                        .expressionAttributeNames(Map.of("#id", PwaUsersTable.ID))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            }
            rig.count(n * 2L, null);
            return (threads.getCurrentThreadCpuTime() - start) / 1e3 / n;
        }
    }
}
