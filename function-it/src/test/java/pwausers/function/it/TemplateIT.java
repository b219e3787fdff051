package pwausers.function.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import pwausers.function.AddPwaUserHandler;
import pwausers.function.api.PwaUsersApi;
import pwausers.function.contract.Environment;
import pwausers.function.contract.IdempotencyTable;
import pwausers.function.contract.Metrics;
import pwausers.function.contract.PwaUsersTable;
import pwausers.function.contract.Routes;
import pwausers.function.domain.StoreBounds;
import pwausers.function.json.Json;
import pwausers.function.json.JsonException;
import pwausers.function.store.DynamoDbIdempotencyStore;
import pwausers.function.store.DynamoDbPwaUserStore;
import pwausers.function.testing.Events;
import pwausers.function.testkit.TestContext;
import pwausers.local.engine.ProjectFiles;
import pwausers.local.engine.Python3;
import pwausers.local.engine.SamTemplate;

/** template.yaml: valid for cfn-lint, least privilege, data kept, nothing that stops a second stack. */
class TemplateIT {
    private static final String TABLE = PwaUsersTable.LOGICAL_ID;
    private static final String IDEMPOTENCY_TABLE = IdempotencyTable.LOGICAL_ID;
    private static final String ROLE = "AddPwaUserRole";
    private static final String FUNCTION = TestContext.FUNCTION_NAME;
    /** A CloudWatch SEARCH of one metric by name and function: {schema} MetricName="..." FunctionName="...". */
    private static final Pattern SEARCH = Pattern.compile(
            "SEARCH\\('\\{([^}]*)\\} MetricName=\"([^\"]*)\" " + Metrics.FUNCTION_NAME + "=\"([^\"]*)\"");
    private final SamTemplate template = SamTemplate.read(ProjectFiles.template());

    @Test
    void cfnLint_reportsNoErrorsAndNoWarnings() throws IOException, InterruptedException {
        Path templateFile = ProjectFiles.template();
        Process lint = new ProcessBuilder(Python3.program("cfn-lint"), "--", templateFile.toString())
                .redirectErrorStream(true).start();
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lint.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(output).as("cfn-lint output").isEmpty();
        assertThat(lint.exitValue()).as("cfn-lint exit code").isZero();
    }

    @Test
    void theRole_grantsOnEachTableExactlyTheActionsTheCodeCalls_andLogs_andNothingElse() throws IOException {
        Map<String, Object> role = template.properties(ROLE);

        // The log permissions (the function's own log group, nothing else) are checked in deploy's TemplateTest.
        Map<Object, List<Object>> actionsByResource = new java.util.LinkedHashMap<>();
        for (Map<String, Object> statement : inlineStatements(role)) {
            assertThat(statement).containsOnlyKeys("Effect", "Action", "Resource");
            assertThat(statement.get("Effect")).isEqualTo("Allow");
            if (asList(statement.get("Action")).stream().noneMatch(a -> String.valueOf(a).startsWith("dynamodb:"))) {
                continue;
            }
            for (Object resource : asList(statement.get("Resource"))) {
                actionsByResource.computeIfAbsent(resource, r -> new ArrayList<>()).addAll(asList(statement.get("Action")));
            }
        }
        // derived from the compiled code: a new DynamoDB call without its template change fails here
        assertThat(actionsByResource).containsOnlyKeys(arnOf(TABLE), arnOf(IDEMPOTENCY_TABLE));
        assertThat(actionsByResource.get(arnOf(TABLE))).containsExactlyInAnyOrderElementsOf(
                DynamoDbCalls.iamActions(DynamoDbPwaUserStore.class));
        assertThat(actionsByResource.get(arnOf(IDEMPOTENCY_TABLE))).containsExactlyInAnyOrderElementsOf(
                DynamoDbCalls.iamActions(DynamoDbIdempotencyStore.class));
        assertThat(DynamoDbCalls.iamActionsOfTheWholeFunction()).as("no other class calls DynamoDB")
                .isEqualTo(union(DynamoDbCalls.iamActions(DynamoDbPwaUserStore.class),
                        DynamoDbCalls.iamActions(DynamoDbIdempotencyStore.class)));
        assertThat(DynamoDbCalls.iamActions(DynamoDbPwaUserStore.class)).as("one action per route")
                .containsExactly("dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem");

        // With Tracing on, Lambda's own tracing writes through the role: X-Ray's two write actions (they take no
        // resource but "*"), in a policy that only that condition adds. The code calls X-Ray nowhere.
        Map<Object, Map<String, Object>> conditional = conditionalPolicies(role);
        assertThat(conditional).containsOnlyKeys("HasTracing");
        assertThat(statements(conditional.get("HasTracing"))).containsExactly(Map.of("Effect", "Allow",
                "Action", List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords"), "Resource", "*"));

        Map<String, Object> trust = map(role.get("AssumeRolePolicyDocument"));
        assertThat(trust.get("Statement")).isEqualTo(List.of(Map.of("Effect", "Allow",
                "Principal", Map.of("Service", "lambda.amazonaws.com"), "Action", "sts:AssumeRole")));
    }

    @Test
    void theIdempotencyTable_expiresItsRecords_andIsNamedToTheFunction() {
        Map<String, Object> table = template.properties(IDEMPOTENCY_TABLE);

        assertThat(table.get("KeySchema")).isEqualTo(List.of(Map.of("AttributeName", IdempotencyTable.KEY, "KeyType", "HASH")));
        assertThat(table).containsEntry("TimeToLiveSpecification",
                Map.of("AttributeName", IdempotencyTable.EXPIRES_AT, "Enabled", true));
        Map<String, Object> env = map(map(template.properties(FUNCTION).get("Environment")).get("Variables"));
        assertThat(env).containsEntry(Environment.IDEMPOTENCY_TABLE_NAME, Map.of("Ref", IDEMPOTENCY_TABLE));
    }

    private static Map<String, Object> arnOf(String table) {
        return Map.of("Fn::GetAtt", List.of(table, "Arn"));
    }

    private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.Set<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void theFunction_runsUnderThatRoleAlone() {
        assertThat(template.logicalIdsOfType("AWS::Serverless::Function")).as("the function the tests name")
                .containsExactly(FUNCTION);
        Map<String, Object> function = template.properties(FUNCTION);

        assertThat(function.get("Role")).isEqualTo(Map.of("Fn::GetAtt", List.of(ROLE, "Arn")));
        assertThat(function).doesNotContainKeys("Policies", "FunctionName");
        assertThat(template.logicalIdsOfType("AWS::IAM::Role").stream()
                .filter(role -> String.valueOf(template.properties(role).get("AssumeRolePolicyDocument"))
                        .contains("lambda.amazonaws.com")))
                .as("the roles Lambda may assume").containsExactly(ROLE);
        assertThat(template.logicalIdsOfType("AWS::IAM::Policy")).isEmpty();
        assertThat(template.logicalIdsOfType("AWS::IAM::ManagedPolicy")).isEmpty();
    }

    @Test
    void theTable_isKeyedByPwaUserId_onDemand_recoverable_encrypted_andRetained() {
        Map<String, Object> resource = template.resource(TABLE);
        Map<String, Object> table = template.properties(TABLE);

        assertThat(resource).containsEntry("DeletionPolicy", "Retain").containsEntry("UpdateReplacePolicy", "Retain");
        assertThat(table.get("KeySchema")).isEqualTo(List.of(Map.of("AttributeName", PwaUsersTable.ID, "KeyType", "HASH")));
        assertThat(table.get("AttributeDefinitions"))
                .isEqualTo(List.of(Map.of("AttributeName", PwaUsersTable.ID, "AttributeType", "S")));
        assertThat(table).containsEntry("BillingMode", "PAY_PER_REQUEST")
                .containsEntry("PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true))
                .containsEntry("SSESpecification", Map.of("SSEEnabled", true));
        assertThat(table.get("TableName")).as("no fixed physical name: a second stack must deploy beside the first")
                .isInstanceOf(Map.class);
    }

    @Test
    void theFunction_isTheJavaHandlerInThisModule_withItsSettings() throws ClassNotFoundException {
        Map<String, Object> function = template.properties(FUNCTION);

        String handler = (String) function.get("Handler");
        assertThat(handler).endsWith("::handleRequest");
        assertThat(Class.forName(handler.substring(0, handler.indexOf("::")))).isEqualTo(AddPwaUserHandler.class);
        assertThat((String) function.get("Runtime")).matches("java(2[1-9]|[3-9][0-9])");
        assertThat(function).containsKeys("MemorySize", "Timeout");
        assertThat(((Number) function.get("Timeout")).longValue())
                .isGreaterThan(StoreBounds.STORE_CALL_TIMEOUT.toSeconds());
        assertThat(map(function.get("LoggingConfig"))).containsEntry("LogFormat", "JSON");
        Map<String, Object> env = map(map(function.get("Environment")).get("Variables"));
        assertThat(env).containsEntry(Environment.TABLE_NAME, Map.of("Ref", TABLE))
                .containsKey(Environment.ALLOWED_ORIGIN);
    }

    @Test
    void theApi_routesEachMethodToTheFunction_withCorsForEach() {
        List<String> routes = new ArrayList<>();
        List<Object> others = new ArrayList<>();
        for (Object event : map(template.properties(FUNCTION).get("Events")).values()) {
            if (!"Api".equals(map(event).get("Type"))) {
                others.add(map(event).get("Type"));
                continue;
            }
            Map<String, Object> properties = map(map(event).get("Properties"));
            assertThat(properties.get("RestApiId")).isEqualTo(Map.of("Ref", "PwaUsersApi"));
            routes.add(properties.get("Method") + " " + properties.get("Path"));
        }
        assertThat(routes).containsExactlyInAnyOrder("POST " + Routes.RESOURCE_PATH,
                "GET " + Routes.ENTRY_PATH, "DELETE " + Routes.ENTRY_PATH);
        assertThat(others).as("besides the routes, the keep-active schedule alone").containsExactly("Schedule");

        Map<String, Object> cors = map(template.properties("PwaUsersApi").get("Cors"));
        assertThat(cors).containsKeys("AllowMethods", "AllowHeaders", "AllowOrigin");
        assertThat(List.of(((String) cors.get("AllowMethods")).replace("'", "").split(",")))
                .as("a page on another origin may call every route").contains("GET", "POST", "DELETE", "OPTIONS");
    }

    @Test
    void theAlarm_readsTheFunctionsStoreFailures_byTheNameAndDimensionItWrites() {
        Map<String, Object> alarm = template.properties("StoreFailuresAlarm");

        assertThat(alarm).containsEntry("Namespace", Metrics.NAMESPACE)
                .containsEntry("MetricName", Metrics.STORE_FAILURES)
                .containsEntry("Dimensions", List.of(Map.of("Name", Metrics.FUNCTION_NAME,
                        "Value", Map.of("Ref", FUNCTION))));
    }

    /**
     * The dashboard's graphs of the function's own metrics (rows of its widgets, where "." repeats the row above's
     * value and "..." the rest of it; a SEARCH expression for the refusals) name each metric the function writes, in
     * its namespace, with exactly the dimensions the function gives it ({@link Metrics}): a graph of a name or a
     * dimension set the function does not write would stay empty.
     */
    @Test
    void theDashboard_graphsEachMetricTheFunctionWrites_byItsNameAndDimensions() throws JsonException {
        Object body = map(template.properties("Dashboard").get("DashboardBody")).get("Fn::Sub");
        String function = "${" + FUNCTION + "}";
        Set<String> graphed = new TreeSet<>();
        for (Object widget : asList(map(Json.parse((String) body)).get("widgets"))) {
            Object rows = map(map(widget).get("properties")).get("metrics");
            List<Object> previous = List.of();
            for (Object row : rows == null ? List.of() : asList(rows)) {
                List<Object> metric = resolve(asList(row), previous);
                previous = metric;
                if (metric.get(0) instanceof Map<?, ?> options
                        && options.get("expression") instanceof String expression) {
                    Matcher search = SEARCH.matcher(expression);
                    if (search.find() && search.group(1).startsWith(Metrics.NAMESPACE + ",")) {
                        assertThat(search.group(1).split(",")).as("the search's namespace and dimensions")
                                .containsExactlyInAnyOrder(Metrics.NAMESPACE, Metrics.FUNCTION_NAME, Metrics.STATUS,
                                        Metrics.FIELD);
                        assertThat(search.group(2)).isEqualTo(Metrics.REFUSALS);
                        assertThat(search.group(3)).isEqualTo(function);
                        graphed.add(search.group(2));
                    }
                    continue;
                }
                if (!Metrics.NAMESPACE.equals(metric.get(0))) {
                    continue;
                }
                List<Object> dimensions = metric.subList(2, metric.size()).stream()
                        .filter(part -> !(part instanceof Map)).toList();
                assertThat(dimensions).as("the dimensions of " + metric.get(1))
                        .isEqualTo(List.of(Metrics.FUNCTION_NAME, function));
                graphed.add((String) metric.get(1));
            }
        }
        assertThat(graphed).containsExactlyInAnyOrder(Metrics.SUBMISSIONS_STORED, Metrics.REFUSALS,
                Metrics.IDEMPOTENT_REPLAYS, Metrics.IDEMPOTENCY_CONFLICTS, Metrics.STORE_LATENCY,
                Metrics.STORE_FAILURES);
    }

    /** A dashboard row with its "." (the row above's value there) and "..." (the rest of the row above) filled in. */
    private static List<Object> resolve(List<Object> row, List<Object> previous) {
        List<Object> resolved = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
            Object part = row.get(i);
            if ("...".equals(part)) {
                previous.subList(i, previous.size()).stream().filter(p -> !(p instanceof Map)).forEach(resolved::add);
            } else {
                resolved.add(".".equals(part) ? previous.get(i) : part);
            }
        }
        return resolved;
    }

    @Test
    void outputs_nameTheApiUrlTheTableAndItsArn() {
        assertThat(template.outputs()).containsKeys("ApiUrl", "TableName", "TableArn");
    }

    /** The statements of the role's policies that hold whatever the parameters (not those under a condition). */
    private static List<Map<String, Object>> inlineStatements(Map<String, Object> role) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : asList(role.get("Policies"))) {
            if (!map(policy).containsKey("Fn::If")) {
                statements.addAll(statements(map(policy)));
            }
        }
        return statements;
    }

    /** The role's policies that a condition adds ({@code !If [Condition, policy, !Ref AWS::NoValue]}), by condition. */
    private static Map<Object, Map<String, Object>> conditionalPolicies(Map<String, Object> role) {
        Map<Object, Map<String, Object>> policies = new java.util.LinkedHashMap<>();
        for (Object policy : asList(role.get("Policies"))) {
            if (map(policy).get("Fn::If") instanceof List<?> choice) {
                assertThat(choice.get(2)).isEqualTo(Map.of("Ref", "AWS::NoValue"));
                policies.put(choice.get(0), map(choice.get(1)));
            }
        }
        return policies;
    }

    private static List<Map<String, Object>> statements(Map<String, Object> policy) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object statement : asList(map(policy.get("PolicyDocument")).get("Statement"))) {
            statements.add(map(statement));
        }
        return statements;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        assertThat(o).isInstanceOf(Map.class);
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object o) {
        return o instanceof List<?> list ? (List<Object>) list : List.of(o);
    }
}
