package pwausers.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pwausers.bench.child.LambdaLauncher;
import pwausers.bench.child.ShadedJarSmoke;
import pwausers.bench.http.Answers;
import pwausers.bench.rig.ChildJar;
import pwausers.bench.rig.ChildRun;
import pwausers.function.contract.Environment;
import pwausers.function.contract.IdempotencyTable;
import pwausers.function.contract.PwaUsersTable;
import pwausers.local.engine.Dynalite;
import pwausers.local.engine.LocalTables;
import pwausers.local.engine.ProjectFiles;
import pwausers.local.engine.SamTemplate;
import pwausers.local.lambda.LambdaJvm;
import pwausers.local.template.LocalFunction;
import pwausers.local.template.LocalValues;

/**
 * The deployment jar as Lambda gets it: shaded and slimmed (function/pom.xml leaves most of the DynamoDB model out),
 * run alone in a fresh JVM through its success and error paths (SnapStart's hooks: {@link DeploymentJarSnapStartIT}).
 * A class left out that a path needs shows here as a NoClassDefFoundError; the function's own tests run on its
 * unshaded classes.
 */
class ShadedJarIT {
    private static final String TABLE = PwaUsersTable.DEFAULT_NAME;
    private static final String IDEMPOTENCY_TABLE = IdempotencyTable.DEFAULT_NAME;
    /** The template's keep-active schedule (an EventBridge event, not an HTTP one), as the smoke names its case. */
    private static final String KEEP_ACTIVE = "event_keep-active-schedule.json";
    private static Dynalite dynalite;
    private static Path work;
    private static String classPath;
    private static LocalFunction function;

    @BeforeAll
    static void start() throws Exception {
        dynalite = Dynalite.start();
        SamTemplate template = SamTemplate.read(ProjectFiles.template());
        function = LocalFunction.all(new LocalValues(template, Map.of())).get(0);
        LocalTables.ensureTable(dynalite.client(), template, PwaUsersTable.LOGICAL_ID, TABLE);
        LocalTables.ensureTable(dynalite.client(), template, IdempotencyTable.LOGICAL_ID, IDEMPOTENCY_TABLE);
        Path root = ProjectFiles.root();
        work = Files.createDirectories(root.resolve("bench/target/shaded-jar-it"));
        Path jar = root.resolve("function/target/add-pwa-user.jar");
        assertThat(jar).as("the deployment jar (./mvnw -pl function package)").isRegularFile();
        Path copy = work.resolve(jar.getFileName()); // a rebuild of function/ meanwhile changes nothing here
        Files.copy(jar, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        classPath = copy + ":" + ChildJar.write(work.resolve("bench-child.jar"));
    }

    @AfterAll
    static void stop() {
        dynalite.close();
    }

    @Test
    void everyPath_runsFromTheDeploymentJarAlone() throws IOException {
        Map<String, String[]> cases = run("smoke", ProjectFiles.eventsDir().toString());
        assertThat(cases).containsKey("event_workshop-test-event.json");

        // the events that read or delete an entry name one that no table here holds
        Map<String, String> entryEvents = Map.of("event_rest-api-get-pwauser.json", "404",
                "event_rest-api-delete-pwauser.json", "404");
        cases.forEach((name, answer) -> {
            if (name.equals(KEEP_ACTIVE)) {
                assertThat(answer[0]).as("the schedule's answer is no HTTP answer").isEmpty();
            } else if (name.startsWith("event_bad-")) {
                assertThat(Integer.parseInt(answer[0])).as(name).isBetween(400, 499);
            } else if (name.startsWith("event_")) {
                assertThat(answer[0]).as(name).isEqualTo(entryEvents.getOrDefault(name, "201"));
            }
        });
        assertThat(cases).containsKeys(entryEvents.keySet().toArray(String[]::new));
        assertThat(cases.get("event_bad-id.json")[0]).isEqualTo("400");
        assertThat(cases.get("entry-read")[0]).as("GET at the Location of a 201").isEqualTo("200");
        assertThat(cases.get("entry-deleted")[0]).isEqualTo("204");
        assertThat(cases.get("entry-gone")[0]).isEqualTo("404");
        assertThat(cases.get("event_workshop-test-event.json")[0]).isEqualTo("201");
        assertThat(Files.readString(work.resolve("smoke").resolve(KEEP_ACTIVE + ".json")))
                .isEqualTo("{\"KeepActive\":\"ok\"}");
        assertThat(cases.get("event_bad-path.json")[0]).isEqualTo("404");
        assertThat(cases.get("event_bad-method-get.json")[0]).isEqualTo("405");
        assertThat(cases.get("event_bad-content-type.json")[0]).isEqualTo("415");
        assertThat(cases.get("idempotency-key-first")[0]).isEqualTo("201");
        assertThat(cases.get("idempotency-key-retry")[0]).as("a retry answers as the first request did")
                .isEqualTo("201");
        assertThat(cases.get("throttled")).containsExactly("503", "3");
        assertThat(cases.get("throttling")).containsExactly("503", "3");
        assertThat(cases.get("server-error")[0]).isEqualTo("503");
        assertThat(cases.get("not-found")).containsExactly("500", "1");
        assertThat(cases.get("id-taken")[0]).isEqualTo("500");
        assertThat(cases.get("chunked-ok")).containsExactly("201", "1");
        assertThat(cases.get("engine-gone")[0]).isEqualTo("503");
    }

    @Test
    void aMissingTable_answers500() {
        assertThat(run(Map.of(Environment.TABLE_NAME, "NoSuchTable"), "one", "missing-table").get("missing-table"))
                .containsExactly("500");
    }

    /**
     * Runs the smoke in a fresh JVM started as Lambda starts the template's function (its runtime's flags, memory size
     * and JAVA_TOOL_OPTIONS); each case's [status] or [status, DynamoDB attempts], by name.
     */
    private static Map<String, String[]> run(String mode, String... args) {
        return run(Map.of(), mode, args);
    }

    /** As {@link #run(String, String...)}, with these variables set or replaced in the child's environment. */
    private static Map<String, String[]> run(Map<String, String> environment, String mode, String... args) {
        Path results = work.resolve(mode);
        List<String> arguments = new java.util.ArrayList<>(List.of(mode, results.toString()));
        arguments.addAll(List.of(args));
        List<String> command = LambdaJvm.forRuntime(function.runtime(), true).command(function.memoryMb(), classPath,
                List.of(LambdaLauncher.CRAC_STAND_IN), ShadedJarSmoke.class.getName(), arguments);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", work.toString());
        env.put(Environment.ENDPOINT_URL_DYNAMODB, dynalite.endpoint().toString());
        env.put(Environment.REGION, LocalValues.REGION);
        env.put(Environment.ACCESS_KEY_ID, "local");
        env.put(Environment.SECRET_ACCESS_KEY, "local");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put(Environment.TABLE_NAME, TABLE);
        env.put(Environment.IDEMPOTENCY_TABLE_NAME, IDEMPOTENCY_TABLE);
        env.put(Environment.INITIALIZATION_TYPE, Environment.SNAP_START);
        if (function.environment().containsKey("JAVA_TOOL_OPTIONS")) {
            env.put("JAVA_TOOL_OPTIONS", function.environment().get("JAVA_TOOL_OPTIONS"));
        }
        env.putAll(environment);
        ChildRun run = ChildRun.run("the shaded jar's " + mode, command, work, env, results, Duration.ofMinutes(2));
        assertThat(run.exitCode()).as(run.log()).isZero();
        assertThat(run.log()).doesNotContain("NoClassDefFoundError", "ClassNotFoundException");
        Map<String, String[]> cases = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(results); InputStream in = attempts(results)) {
            Properties attempts = new Properties();
            if (in != null) {
                attempts.load(in);
            }
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                String name = file.getFileName().toString().replaceFirst("\\.json$", "");
                String status = Answers.JSON.readTree(file.toFile()).path("statusCode").asText();
                cases.put(name, attempts.containsKey(name) ? new String[] {status, attempts.getProperty(name)}
                        : new String[] {status});
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read the smoke's answers in " + results, e);
        }
        assertThat(cases).as(run.log()).isNotEmpty();
        return cases;
    }

    private static InputStream attempts(Path results) throws IOException {
        Path file = results.resolve("attempts.properties");
        return Files.isRegularFile(file) ? Files.newInputStream(file) : null;
    }
}
