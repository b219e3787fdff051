package pwausers.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pwausers.function.contract.Environment;
import pwausers.function.contract.IdempotencyTable;
import pwausers.function.contract.PwaUsersTable;
import pwausers.local.engine.ProjectFiles;
import software.amazon.awssdk.core.sync.RequestBody;
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
    private static final Pattern SUB_NAME = Pattern.compile("\\$\\{([^}!][^}.]*)[^}]*}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode translated;
    private static Path translatedFile;

    @BeforeAll
    static void translate() throws Exception {
        Path script = Path.of(SamTranslationIT.class.getResource("/sam-translate.py").toURI());
        translatedFile = Path.of("target", "sam-translated.json").toAbsolutePath();
        ProcessBuilder python = new ProcessBuilder("python3", script.toString(), ProjectFiles.template().toString(),
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
        Process lint = new ProcessBuilder("cfn-lint", "--", translatedFile.toString()).redirectErrorStream(true).start();
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

    @Test
    void theTranslation_createsInMoto_whatMotoCanCreate() throws Exception {
        ObjectNode template = translated.deepCopy();
        ObjectNode resources = (ObjectNode) template.get("Resources");
        Map<String, String> leftOut = new TreeMap<>();
        resources.properties().forEach(e -> {
            if (MOTO_CANNOT_CREATE.contains(e.getValue().get("Type").asText())) {
                leftOut.put(e.getKey(), e.getValue().get("Type").asText() + " (moto cannot create it)");
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
        ObjectNode outputs = (ObjectNode) template.get("Outputs");
        List.copyOf(outputs.properties()).forEach(e -> {
            Set<String> needs = references(e.getValue());
            needs.retainAll(leftOut.keySet());
            if (!needs.isEmpty()) {
                outputs.remove(e.getKey());
            }
        });
        System.out.println("SamTranslationIT: left out of moto's stack: " + leftOut);

        try (MotoServer moto = MotoServer.start();
             S3Client s3 = moto.client(S3Client.builder().forcePathStyle(true));
             CloudFormationClient cloudFormation = moto.client(CloudFormationClient.builder());
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
            resources.properties().forEach(e -> {
                if (!physical.containsKey(e.getKey())) {
                    acceptedNotCreated.put(e.getKey(), e.getValue().get("Type").asText()
                            + (e.getValue().has("Condition") ? " (its condition is false)" : ""));
                }
            });
            System.out.println("SamTranslationIT: created by moto: " + physical.keySet()
                    + "; accepted by moto without creating (it has no model of them): " + acceptedNotCreated);
            assertThat(acceptedNotCreated).as("the resources moto accepted without creating").hasSize(notCreated);
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
