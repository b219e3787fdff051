package pwausers.bench.measure;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import pwausers.bench.child.LambdaLauncher;
import pwausers.bench.http.Answers;
import pwausers.bench.results.Row;
import pwausers.bench.results.SectionResult;
import pwausers.bench.rig.CapacityProxy;
import pwausers.bench.rig.ChildRun;
import pwausers.bench.rig.Rig;
import pwausers.cli.BenchArguments.Section;
import pwausers.function.contract.Environment;
import pwausers.function.contract.HeaderNames;
import pwausers.local.lambda.LambdaJvm;
import pwausers.local.template.LocalApi;

/**
 * What one request of each route uses of what AWS bills (issue 24's per-request costs; docs/scale.md builds on them):
 * the deployed JVM runs each route's event in turn, round after round, in one process as Lambda's runtime would.
 * Twice: once through a {@link CapacityProxy}, whose item operations fall inside the invocations' spans (DynamoDB's
 * units), and once straight to the engine (billed durations, log and answer bytes: no proxy hop in the timings). Then
 * the first invocations' billed duration after a restore, from {@link Restores}'s run of the deployed JVM (its own
 * when the restore part did not run).
 */
public final class RequestCosts implements Measurer {
    /** The routes in the order a round sends them: a keyed POST, its replay, then GET and DELETE of what it stored. */
    static final List<CostAccount.Route> ROUTES = List.of(
            new CostAccount.Route("post", "POST /pwausers", "POST", "/pwausers", 201),
            new CostAccount.Route("post-keyed", "POST /pwausers with a new Idempotency-Key", "POST", "/pwausers", 201),
            new CostAccount.Route("post-replayed", "POST /pwausers replaying an Idempotency-Key", "POST", "/pwausers",
                    201),
            new CostAccount.Route("get", "GET /pwausers/{id}", "GET", "/pwausers/{id}", 200),
            new CostAccount.Route("delete", "DELETE /pwausers/{id}", "DELETE", "/pwausers/{id}", 204));
    /** Rounds through the proxy, after one to warm up: the units are the same in each, but for a retry. */
    private static final int METERED_ROUNDS = 5;
    /** The sample id in events/'s GET and DELETE events, which the child replaces with one it stored. */
    private static final String SAMPLE_ID = "6C-LRYNh42Hj3pdh4Ob5OA";

    @Override
    public Section section() {
        return Section.COST;
    }

    @Override
    public SectionResult measure(Rig rig) {
        boolean quick = rig.settings().quick();
        int warmRounds = quick ? 2 : 100;
        int timedRounds = quick ? 5 : 300;
        rig.progress().println("bench: what a request of each route costs (" + warmRounds + " + " + timedRounds
                + " rounds of " + ROUTES.size() + " requests)...");
        rig.freshTables();
        LambdaJvm jvm = rig.deployedJvms().get(0);
        List<Path> events = events(rig);
        List<CostAccount.Invocation> metered;
        List<CapacityProxy.Call> calls;
        try (CapacityProxy proxy = CapacityProxy.start(rig.engine().endpoint())) {
            metered = routes(rig, jvm, events, 1 + METERED_ROUNDS, 1, Map.of(Environment.ENDPOINT_URL_DYNAMODB,
                    proxy.endpoint().toString()));
            calls = proxy.calls();
        }
        List<CostAccount.Invocation> timed = routes(rig, jvm, events, warmRounds + timedRounds, warmRounds, Map.of());
        List<Row> rows = new ArrayList<>(CostAccount.rows(ROUTES, timed, metered, calls, accessLogFormat(rig),
                LocalApi.read(rig.values()).stageName()));
        ChildRun restored = Restores.deployedFirstInvocations(rig);
        if (restored.ok()) {
            rows.add(CostAccount.afterRestore(ROUTES.get(0), restored.latencies()[0]));
            rows.add(CostAccount.afterRestore(ROUTES.get(1), restored.latencies()[1]));
        }
        return new SectionResult("cost", List.of("Cost: " + jvm.name() + " at " + rig.function().memoryMb() + " MB,"
                + " each route's event in turn in one process, " + timedRounds + " rounds after " + warmRounds
                + " of warm-up; DynamoDB's units from ReturnConsumedCapacity over " + METERED_ROUNDS
                + " rounds through a proxy."), rows, List.of(NOTE));
    }

    private static final String NOTE = "Per-request costs: the units of the median request (an SDK retry on a busy"
            + " machine adds units to its own request only), as dynalite reports them with ReturnConsumedCapacity"
            + " (a write the larger of the old and new item in 1 KB units, a strongly consistent read 4 KB units), and"
            + " a write whose condition failed (a replayed key's claim) one unit per 1 KB of the item it met, as DynamoDB"
            + " charges it (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html)."
            + " Billed duration: the handler's time rounded up to the next ms, as Lambda bills it; Lambda's runtime"
            + " client adds its own small share around it. After a restore Lambda also bills the Billed Restore Duration"
            + " (loading the runtime, the afterRestore hooks: https://docs.aws.amazon.com/lambda/latest/dg/snapstart-monitoring.html),"
            + " which only Lambda shows. Log bytes: the function's own line (Lambda adds its START, END and REPORT"
            + " lines to the log group too) and the stage's access log line, template.yaml's format filled in as API"
            + " Gateway fills it. Answer bytes: as HTTP/1.1 text with API Gateway's headers; TLS and HTTP/2 change them"
            + " a little.";

    /** One routes child: rounds of every route's event; the invocations of the rounds after {@code skipRounds}. */
    private static List<CostAccount.Invocation> routes(Rig rig, LambdaJvm jvm, List<Path> events, int rounds,
                                                       int skipRounds, Map<String, String> env) {
        List<String> args = new ArrayList<>(List.of("routes", rig.function().handlerClass(), rig.results().toString(),
                Integer.toString(rounds)));
        events.forEach(e -> args.add(e.toString()));
        ChildRun run = ChildRun.run(jvm.name() + " routes", jvm.command(rig.function().memoryMb(), rig.classPath(),
                LambdaLauncher.class.getName(), args), rig.work(), rig.environment(jvm, env), rig.results(),
                Rig.CHILD_TIMEOUT);
        List<String> spans;
        try {
            Path file = rig.results().resolve("spans_ns.txt");
            spans = Files.isRegularFile(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String problem = run.exitCode() != 0 || spans.size() != run.answers().size()
                || run.answers().size() != rounds * ROUTES.size()
                ? run.what() + ": exit " + run.exitCode() + ", " + run.answers().size() + " answers\n" + run.logHead()
                : null;
        List<CostAccount.Invocation> invocations = new ArrayList<>();
        for (int i = 0; problem == null && i < spans.size(); i++) {
            int route = i % ROUTES.size();
            problem = problem(ROUTES.get(route), run.answers().get(i), run.what() + ": answer " + (i + 1));
            String[] span = spans.get(i).split(" ");
            if (i / ROUTES.size() >= skipRounds) {
                invocations.add(new CostAccount.Invocation(route, Long.parseLong(span[0]), Long.parseLong(span[1]),
                        Long.parseLong(span[2]), run.answers().get(i)));
            }
        }
        rig.count(run.answers().size(), problem);
        return problem == null ? invocations : List.of();
    }

    /** What is wrong with a route's answer, or null: its status, and for the replay the replayed header. */
    static String problem(CostAccount.Route route, byte[] answer, String what) {
        try {
            JsonNode root = Answers.JSON.readTree(answer);
            if (root.path("statusCode").asInt() != route.status()) {
                return what + " (" + route.name() + "): status " + root.path("statusCode").asText() + ", not "
                        + route.status();
            }
            if (route.id().equals("post-replayed")
                    && !"true".equals(root.path("headers").path(HeaderNames.IDEMPOTENT_REPLAYED).asText())) {
                return what + " (" + route.name() + "): no " + HeaderNames.IDEMPOTENT_REPLAYED + ": true";
            }
            return null;
        } catch (IOException e) {
            return what + ": not JSON";
        }
    }

    /** The events of {@link #ROUTES}, with the child's placeholders for the round's key and the stored id. */
    private static List<Path> events(Rig rig) {
        Path dir = rig.work();
        Path keyed = Restores.keyedEvent(rig.event(), dir.resolve("cost-post-keyed.json"), LambdaLauncher.KEY);
        return List.of(rig.event(), keyed, keyed,
                withPlaceholderId(rig.event().resolveSibling("rest-api-get-pwauser.json"), dir.resolve("cost-get.json")),
                withPlaceholderId(rig.event().resolveSibling("rest-api-delete-pwauser.json"),
                        dir.resolve("cost-delete.json")));
    }

    private static Path withPlaceholderId(Path event, Path file) {
        try {
            Files.writeString(file, Files.readString(event).replace(SAMPLE_ID, LambdaLauncher.ID));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The stage's AccessLogSetting Format from the template, or null if it has none. */
    private static String accessLogFormat(Rig rig) {
        for (String api : rig.values().template().logicalIdsOfType("AWS::Serverless::Api")) {
            Object setting = rig.values().template().properties(api).get("AccessLogSetting");
            if (setting instanceof Map<?, ?> map && map.get("Format") instanceof String format) {
                return format;
            }
        }
        return null;
    }
}
