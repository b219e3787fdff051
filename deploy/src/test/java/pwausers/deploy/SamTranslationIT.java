package pwausers.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pwausers.function.contract.Environment;
import pwausers.function.contract.IdempotencyTable;
import pwausers.function.contract.PwaUsersTable;
import pwausers.local.engine.ProjectFiles;
import pwausers.local.engine.Python3;
import pwausers.local.engine.PythonModules;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * template.yaml through SAM's translator (aws-sam-translator, what `sam deploy` and CloudFormation's
 * AWS::Serverless transform run): cfn-lint clean, one API stage, and created in moto's CloudFormation. moto lacks
 * some resource types: the test leaves them out, with what depends on them, names them all, and checks what moto
 * did create. The template itself is never changed for the emulator.
 */
class SamTranslationIT {
    /** Types moto's CloudFormation cannot create (500, or no model): left out before the stack is created. */
    private static final Set<String> MOTO_CANNOT_CREATE = Set.of(
            "AWS::CloudFront::Distribution", "AWS::Lambda::Alias", "AWS::ApiGateway::Stage");
    /** Types moto accepts without making them (no model): their attributes (Fn::GetAtt, ${Id.Arn}) fail the stack. */
    private static final Set<String> MOTO_HAS_NO_ATTRIBUTES = Set.of("AWS::CloudWatch::Alarm");
    private static final Pattern SUB_ATTRIBUTE = Pattern.compile("\\$\\{([^}!.]+)\\.[^}]+}");
    private static final Pattern SUB_NAME = Pattern.compile("\\$\\{([^}!][^}.]*)[^}]*}");
    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minutes?|hours?|days?)\\)");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The types of what moto's stack goes without: those moto cannot create, and what needs them (the alias: the API,
     * its deployment and the invoke permissions, the keep-active schedule; the distribution: the bucket's policy; the
     * alarms' ARNs: the dashboard, whose body TemplateTest reads as CloudWatch would).
     */
    private static final List<String> LEFT_OUT = List.of("AWS::ApiGateway::Deployment", "AWS::ApiGateway::RestApi",
            "AWS::ApiGateway::Stage", "AWS::CloudFront::Distribution", "AWS::CloudWatch::Dashboard", "AWS::Events::Rule",
            "AWS::Lambda::Alias",
            "AWS::Lambda::Permission", "AWS::Lambda::Permission", "AWS::Lambda::Permission", "AWS::Lambda::Permission",
            "AWS::S3::BucketPolicy");

    /** The types moto's CloudFormation accepts and does not make (it has no model of them). */
    private static final List<String> NO_MODEL = List.of("AWS::ApiGateway::Account",
            "AWS::CloudFront::OriginAccessControl", "AWS::CloudFront::OriginRequestPolicy",
            "AWS::CloudFront::ResponseHeadersPolicy", "AWS::CloudWatch::Alarm", "AWS::CloudWatch::Alarm",
            "AWS::CloudWatch::Alarm", "AWS::CloudWatch::Alarm");

    private static JsonNode translated;
    private static Path translatedFile;

    @BeforeAll
    static void translate() throws Exception {
        PythonModules.skipReason("samtranslator", "pip install aws-sam-translator").ifPresent(Assumptions::abort);
        Path script = Path.of(SamTranslationIT.class.getResource("/sam-translate.py").toURI());
        translatedFile = Path.of("target", "sam-translated.json").toAbsolutePath();
        ProcessBuilder python = new ProcessBuilder(Python3.executable(), script.toString(), ProjectFiles.template().toString(),
                "s3://artifacts/add-pwa-user.zip").redirectOutput(translatedFile.toFile())
                .redirectError(Path.of("target", "sam-translate.log").toFile());
        python.environment().put("AWS_DEFAULT_REGION", MotoServer.REGION);
        Process process = python.start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(Path.of("target", "sam-translate.log"))).isZero();
        translated = JSON.readTree(translatedFile.toFile());
    }

    @Test
    void theTranslation_isCfnLintClean() throws Exception {
        Process lint = new ProcessBuilder(Python3.program("cfn-lint"), "--", translatedFile.toString()).redirectErrorStream(true).start();
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lint.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(output).isEmpty();
        assertThat(lint.exitValue()).isZero();
    }

    @Test
    void theApi_hasOneStage_theTemplates_andTheFunctionAnAliasOnAVersion() {
        List<String> stages = ofType("AWS::ApiGateway::Stage");
        assertThat(stages).as("no extra stage named Stage").hasSize(1);
        assertThat(resources().get(stages.get(0)).at("/Properties/StageName/Ref").asText()).isEqualTo("StageName");
        assertThat(ofType("AWS::Lambda::Version")).hasSize(1);
        assertThat(ofType("AWS::Lambda::Alias")).hasSize(1);
        assertThat(resources().get("PwaUsersApi").at("/Properties/Body/openapi").asText()).startsWith("3.");
    }

    /**
     * Lambda deactivates a SnapStart version not invoked for 14 days: the schedule invokes the alias (the version the
     * API invokes, not $LATEST), well within that, with EventBridge's own scheduled event (no Input), which the
     * function answers at once.
     */
    @Test
    void theKeepActiveSchedule_invokesTheAlias_atMostEvery13Days() {
        String alias = ofType("AWS::Lambda::Alias").get(0);
        List<String> rules = ofType("AWS::Events::Rule");
        assertThat(rules).hasSize(1);
        JsonNode rule = resources().get(rules.get(0)).get("Properties");
        assertThat(interval(rule.get("ScheduleExpression").asText())).isLessThanOrEqualTo(Duration.ofDays(13));
        assertThat(rule.get("Targets")).hasSize(1);
        assertThat(rule.at("/Targets/0/Arn")).isEqualTo(ref(alias));
        assertThat(rule.at("/Targets/0").has("Input")).as("EventBridge's own event: source aws.events").isFalse();

        List<JsonNode> invokers = ofType("AWS::Lambda::Permission").stream().map(id -> resources().get(id).get("Properties"))
                .filter(permission -> permission.get("Principal").asText().equals("events.amazonaws.com")).toList();
        assertThat(invokers).singleElement().satisfies(permission -> {
            assertThat(permission.get("FunctionName")).isEqualTo(ref(alias));
            assertThat(permission.at("/SourceArn/Fn::GetAtt/0").asText()).as("that rule alone").isEqualTo(rules.get(0));
        });
    }

    @Test
    void theAliasArnOutput_isTheAliasThatAutoPublishAliasMakes() {
        assertThat(translated.at("/Outputs/FunctionAliasArn/Value")).isEqualTo(ref(ofType("AWS::Lambda::Alias").get(0)));
    }

    /** The time between two events of a rate expression ({@code rate(1 day)}, {@code rate(12 hours)}). */
    private static Duration interval(String expression) {
        Matcher rate = RATE.matcher(expression);
        assertThat(rate.matches()).as("a rate expression, not " + expression).isTrue();
        long value = Long.parseLong(rate.group(1));
        return switch (rate.group(2)) {
            case "minute", "minutes" -> Duration.ofMinutes(value);
            case "hour", "hours" -> Duration.ofHours(value);
            default -> Duration.ofDays(value);
        };
    }

    private static JsonNode ref(String logicalId) {
        return JSON.createObjectNode().put("Ref", logicalId);
    }

    @Test
    void theTranslation_createsInMoto_whatMotoCanCreate() throws Exception {
        ObjectNode template = translated.deepCopy();
        ObjectNode resources = (ObjectNode) template.get("Resources");
        Map<String, String> leftOut = new TreeMap<>();
        resources.properties().forEach(e -> {
            if (MOTO_CANNOT_CREATE.contains(e.getValue().get("Type").asText())) {
                leftOut.put(e.getKey(), e.getValue().get("Type").asText() + " (moto cannot create it)");
            }
            Set<String> attributesMotoLacks = attributesUsed(e.getValue());
            attributesMotoLacks.removeIf(id -> !resources.has(id)
                    || !MOTO_HAS_NO_ATTRIBUTES.contains(resources.get(id).get("Type").asText()));
            if (!attributesMotoLacks.isEmpty()) {
                leftOut.put(e.getKey(), e.getValue().get("Type").asText() + " (needs attributes of "
                        + attributesMotoLacks + ", which moto accepts without making)");
            }
        });
        boolean more = true;
        while (more) {
            more = false;
            for (var e : List.copyOf(resources.properties())) {
                if (leftOut.containsKey(e.getKey())) {
                    continue;
                }
                Set<String> needs = references(e.getValue());
                needs.retainAll(leftOut.keySet());
                if (!needs.isEmpty()) {
                    leftOut.put(e.getKey(), e.getValue().get("Type").asText() + " (needs " + needs + ")");
                    more = true;
                }
            }
        }
        leftOut.keySet().forEach(resources::remove);
        resolveConditionalListItems(template, template);
        ObjectNode outputs = (ObjectNode) template.get("Outputs");
        List.copyOf(outputs.properties()).forEach(e -> {
            Set<String> needs = references(e.getValue());
            needs.retainAll(leftOut.keySet());
            if (!needs.isEmpty()) {
                outputs.remove(e.getKey());
            }
        });
        System.out.println("SamTranslationIT: left out of moto's stack: " + leftOut);
        assertThat(leftOut.values().stream().map(why -> why.split(" ")[0]).sorted()).as("the types left out")
                .containsExactlyElementsOf(LEFT_OUT);

        MotoServer moto = MotoServer.shared();
        try (S3Client s3 = moto.client(S3Client.builder().forcePathStyle(true));
             // CreateStack answers once moto has made it all (a minute, on a busy machine), and is not idempotent: a
             // retry (after a timeout, or moto's 500) finds the stack the first attempt made, and hides what failed
             CloudFormationClient cloudFormation = moto.client(CloudFormationClient.builder()
                     .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMinutes(5)))
                     .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())));
             DynamoDbClient dynamoDb = moto.client(DynamoDbClient.builder());
             IamClient iam = moto.client(IamClient.builder());
             LambdaClient lambda = moto.client(LambdaClient.builder())) {
            s3.createBucket(r -> r.bucket("artifacts"));
            s3.putObject(r -> r.bucket("artifacts").key("add-pwa-user.zip"), RequestBody.fromBytes(zipOfOneJar()));

            cloudFormation.createStack(r -> r.stackName("pwa-users").templateBody(template.toString())
                    .capabilities(Capability.CAPABILITY_IAM));
            assertThat(cloudFormation.describeStacks(r -> r.stackName("pwa-users")).stacks().get(0).stackStatusAsString())
                    .isEqualTo("CREATE_COMPLETE");

            Map<String, String> physical = new TreeMap<>();
            int notCreated = 0;
            for (StackResourceSummary summary : cloudFormation.listStackResources(r -> r.stackName("pwa-users"))
                    .stackResourceSummaries()) {
                if (summary.logicalResourceId() == null || summary.logicalResourceId().isEmpty()) {
                    notCreated++;    // moto lists a resource it has no model of without its id or type
                } else {
                    physical.put(summary.logicalResourceId(), summary.physicalResourceId());
                }
            }
            Map<String, String> acceptedNotCreated = new TreeMap<>();
            List<String> noModel = new ArrayList<>();
            resources.properties().forEach(e -> {
                if (!physical.containsKey(e.getKey())) {
                    String type = e.getValue().get("Type").asText();
                    boolean off = e.getValue().has("Condition") && !condition(template, e.getValue().get("Condition").asText());
                    acceptedNotCreated.put(e.getKey(), type + (off ? " (its condition is false)" : " (no model)"));
                    if (!off) {
                        noModel.add(type);
                    }
                }
            });
            System.out.println("SamTranslationIT: created by moto: " + physical.keySet()
                    + "; accepted by moto without creating: " + acceptedNotCreated);
            assertThat(acceptedNotCreated).as("the resources moto accepted without creating").hasSize(notCreated);
            assertThat(noModel.stream().sorted()).as("the types moto has no model of").containsExactlyElementsOf(NO_MODEL);
            assertThat(physical.keySet()).contains(ProjectTemplate.FUNCTION, "AddPwaUserRole", "AddPwaUserLogGroup",
                    PwaUsersTable.LOGICAL_ID, IdempotencyTable.LOGICAL_ID, "WebBucket", "ApiAccessLogGroup",
                    "AlarmTopic");

            // what moto did create, checked against the template
            var table = dynamoDb.describeTable(r -> r.tableName(physical.get(PwaUsersTable.LOGICAL_ID))).table();
            assertThat(table.keySchema().get(0).attributeName()).isEqualTo(PwaUsersTable.ID);
            assertThat(table.billingModeSummary().billingModeAsString()).isEqualTo("PAY_PER_REQUEST");
            var function = lambda.getFunction(r -> r.functionName(physical.get(ProjectTemplate.FUNCTION)))
                    .configuration();
            assertThat(function.handler()).isEqualTo("pwausers.function.AddPwaUserHandler::handleRequest");
            assertThat(function.environment().variables())
                    .containsEntry(Environment.TABLE_NAME, physical.get(PwaUsersTable.LOGICAL_ID));
            String role = physical.get("AddPwaUserRole");
            assertThat(iam.listRolePolicies(r -> r.roleName(role)).policyNames())
                    .containsExactlyInAnyOrder("EntriesInPwaUsersTable", "IdempotencyRecords", "WriteItsOwnLogGroup");
            assertThat(iam.listAttachedRolePolicies(r -> r.roleName(role)).attachedPolicies()).isEmpty();
            // moto's CloudFormation makes the bucket but applies neither its encryption nor its public access block
            // (its S3 API has both): TemplateTest holds them in the template.
            s3.headBucket(r -> r.bucket(physical.get("WebBucket")));
        }
    }

    /**
     * moto keeps a list item that is {@code !If [Condition, item, !Ref AWS::NoValue]} as null when the condition is
     * false (and its IAM role then fails with a 500), where CloudFormation drops it: such items are resolved here as
     * CloudFormation would, for the template's default parameters. Nothing else is (an {@code !If} nested in another's
     * arguments, as the idempotency table's warm throughput is, stays as it is).
     */
    private static void resolveConditionalListItems(JsonNode template, JsonNode node) {
        if (node.isArray()) {
            ArrayNode list = (ArrayNode) node;
            for (int i = list.size() - 1; i >= 0; i--) {
                JsonNode choice = list.get(i).path("Fn::If");
                if (choice.isArray() && choice.get(2).equals(JSON.createObjectNode().put("Ref", "AWS::NoValue"))) {
                    if (condition(template, choice.get(0).asText())) {
                        list.set(i, choice.get(1));
                    } else {
                        list.remove(i);
                    }
                }
            }
        }
        if (node.isObject()) {
            node.properties().forEach(field -> {
                if (field.getKey().equals("Fn::If")) { // its arguments are no list: an !If may be the third
                    field.getValue().forEach(argument -> resolveConditionalListItems(template, argument));
                } else {
                    resolveConditionalListItems(template, field.getValue());
                }
            });
        } else {
            node.forEach(child -> resolveConditionalListItems(template, child));
        }
    }

    /** A condition of the template for its default parameters: Fn::Equals, Fn::Not, Fn::And, Fn::Or, Condition. */
    private static boolean condition(JsonNode template, String name) {
        return truth(template, template.at("/Conditions/" + name));
    }

    private static boolean truth(JsonNode template, JsonNode expression) {
        var fn = expression.properties().iterator().next();
        JsonNode args = fn.getValue();
        return switch (fn.getKey()) {
            case "Fn::Equals" -> value(template, args.get(0)).equals(value(template, args.get(1)));
            case "Fn::Not" -> !truth(template, args.get(0));
            case "Fn::And" -> java.util.stream.StreamSupport.stream(args.spliterator(), false).allMatch(a -> truth(template, a));
            case "Fn::Or" -> java.util.stream.StreamSupport.stream(args.spliterator(), false).anyMatch(a -> truth(template, a));
            case "Condition" -> condition(template, args.asText());
            default -> throw new IllegalArgumentException("a condition this test cannot evaluate: " + expression);
        };
    }

    private static String value(JsonNode template, JsonNode value) {
        return value.has("Ref") ? template.at("/Parameters/" + value.get("Ref").asText() + "/Default").asText()
                : value.asText();
    }

    private static Map<String, JsonNode> resources() {
        Map<String, JsonNode> resources = new TreeMap<>();
        translated.get("Resources").properties().forEach(e -> resources.put(e.getKey(), e.getValue()));
        return resources;
    }

    private static List<String> ofType(String type) {
        List<String> ids = new ArrayList<>();
        resources().forEach((id, r) -> {
            if (r.get("Type").asText().equals(type)) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** The logical ids whose attributes a resource uses: Fn::GetAtt, and Fn::Sub's ${Id.Attribute}. */
    private static Set<String> attributesUsed(JsonNode node) {
        Set<String> ids = new HashSet<>();
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("Fn::GetAtt")) {
                    ids.add(e.getValue().isArray() ? e.getValue().get(0).asText() : e.getValue().asText().split("\\.")[0]);
                } else if (e.getKey().equals("Fn::Sub")) {
                    Matcher m = SUB_ATTRIBUTE.matcher(e.getValue().isArray() ? e.getValue().get(0).asText() : e.getValue().asText());
                    while (m.find()) {
                        ids.add(m.group(1));
                    }
                } else {
                    ids.addAll(attributesUsed(e.getValue()));
                }
            });
        } else if (node.isArray()) {
            node.forEach(item -> ids.addAll(attributesUsed(item)));
        }
        return ids;
    }

    /** The logical ids a resource or output names: Ref, Fn::GetAtt, Fn::Sub variables, DependsOn. */
    private static Set<String> references(JsonNode node) {
        Set<String> names = new HashSet<>();
        if (node.isObject()) {
            node.properties().forEach(e -> {
                JsonNode value = e.getValue();
                switch (e.getKey()) {
                    case "Ref" -> names.add(value.asText());
                    case "Fn::GetAtt" -> names.add(value.isArray() ? value.get(0).asText() : value.asText().split("\\.")[0]);
                    case "DependsOn" -> value.forEach(v -> names.add(v.asText()));
                    case "Fn::Sub" -> {
                        Matcher m = SUB_NAME.matcher(value.isArray() ? value.get(0).asText() : value.asText());
                        while (m.find()) {
                            names.add(m.group(1));
                        }
                        if (value.isArray()) {
                            names.addAll(references(value.get(1)));
                        }
                    }
                    default -> names.addAll(references(value));
                }
                if (e.getKey().equals("DependsOn") && value.isTextual()) {
                    names.add(value.asText());
                }
            });
        } else if (node.isArray()) {
            node.forEach(item -> names.addAll(references(item)));
        }
        return names;
    }

    private static byte[] zipOfOneJar() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("lib/add-pwa-user.jar"));
            zip.write(new byte[] {'P', 'K', 5, 6});
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
