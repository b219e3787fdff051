package pwausers.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import pwausers.function.contract.HeaderNames;
import pwausers.local.engine.ProjectFiles;
import pwausers.local.engine.SamTemplate;

/** template.yaml and samconfig.toml as a deploy needs them: what SAM builds, what the web app gets, the guards. */
class TemplateTest {
    private static final String FUNCTION = ProjectTemplate.FUNCTION;
    private static final String ROLE = "AddPwaUserRole";
    private static final String LOG_GROUP = "AddPwaUserLogGroup";
    private static final String API = "PwaUsersApi";
    private static final String CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
    private static final Pattern CSP_META = Pattern.compile(
            "<meta\\s+http-equiv=\"Content-Security-Policy\"\\s+content=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    private final SamTemplate template = ProjectTemplate.TEMPLATE;

    @Test
    void theRole_mayWriteItsOwnLogGroupOnly_withNoManagedPolicy() {
        Map<String, Object> role = template.properties(ROLE);
        assertThat(role).doesNotContainKey("ManagedPolicyArns");

        List<Map<String, Object>> logStatements = statements(role).stream()
                .filter(s -> list(s.get("Action")).stream().anyMatch(a -> String.valueOf(a).startsWith("logs:")))
                .toList();
        assertThat(logStatements).containsExactly(Map.of("Effect", "Allow",
                "Action", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                "Resource", Map.of("Fn::GetAtt", List.of(LOG_GROUP, "Arn"))));
        assertThat(statements(role)).as("every statement is about DynamoDB or that log group")
                .allSatisfy(s -> assertThat(list(s.get("Action"))).allSatisfy(action -> assertThat(String.valueOf(action))
                        .matches("dynamodb:[A-Za-z]+|logs:(CreateLogStream|PutLogEvents)")));

        Map<String, Object> logging = map(template.properties(FUNCTION).get("LoggingConfig"));
        assertThat(logging).containsEntry("LogGroup", Map.of("Ref", LOG_GROUP)).containsEntry("LogFormat", "JSON")
                .containsEntry("ApplicationLogLevel", Map.of("Ref", "LogLevel")).containsKey("SystemLogLevel");
        assertThat(template.properties(LOG_GROUP)).containsKey("RetentionInDays");
    }

    @Test
    void theFunction_isBuiltBySamThroughTheMakefile_andPublishesOnEveryChange() throws IOException {
        Map<String, Object> function = template.properties(FUNCTION);
        assertThat(map(template.resource(FUNCTION).get("Metadata"))).containsEntry("BuildMethod", "makefile");
        Path makefile = ProjectFiles.root().resolve((String) function.get("CodeUri")).resolve("Makefile");
        assertThat(Files.readString(makefile)).containsPattern("(?m)^build-" + FUNCTION + ":");
        assertThat(function).containsEntry("AutoPublishAlias", "live").containsEntry("AutoPublishAliasAllProperties", true);
        assertThat(template.properties(API)).containsKey("OpenApiVersion");
    }

    @Test
    void theApi_isThrottled_andLogsEveryRequest_withoutBodies() {
        Map<String, Object> api = template.properties(API);
        Map<String, Object> settings = map(list(api.get("MethodSettings")).get(0));
        assertThat(settings).containsEntry("ResourcePath", "/*").containsEntry("HttpMethod", "*")
                .containsEntry("ThrottlingRateLimit", Map.of("Ref", "ApiThrottlingRateLimit"))
                .containsEntry("ThrottlingBurstLimit", Map.of("Ref", "ApiThrottlingBurstLimit"))
                .containsEntry("DataTraceEnabled", false);
        Map<String, Object> accessLog = map(api.get("AccessLogSetting"));
        assertThat(accessLog.get("DestinationArn")).isEqualTo(Map.of("Fn::GetAtt", List.of("ApiAccessLogGroup", "Arn")));
        String format = (String) accessLog.get("Format");
        assertThat(format).contains("$context.requestId", "$context.status").doesNotContain("body", "$input");
        assertThat(template.properties("ApiAccessLogGroup")).containsKey("RetentionInDays");
        assertThat(template.parameterDefaults()).containsEntry("ApiThrottlingRateLimit", "10")
                .containsEntry("ApiThrottlingBurstLimit", "20").containsEntry("ReservedConcurrency", "0")
                .containsEntry("AlarmEmail", "");
    }

    @Test
    void reservedConcurrency_isOffByDefault() {
        assertThat(template.properties(FUNCTION).get("ReservedConcurrentExecutions")).isEqualTo(Map.of("Fn::If",
                List.of("HasReservedConcurrency", Map.of("Ref", "ReservedConcurrency"), Map.of("Ref", "AWS::NoValue"))));
        assertThat(template.section("Conditions").get("HasReservedConcurrency")).isEqualTo(
                Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "ReservedConcurrency"), 0)))));
    }

    @Test
    void alarms_watchApi5xx_functionErrors_andThrottles_andNotifyTheTopic() {
        Set<String> metrics = template.logicalIdsOfType("AWS::CloudWatch::Alarm").stream()
                .map(template::properties)
                .peek(alarm -> assertThat(alarm.get("AlarmActions")).isEqualTo(List.of(Map.of("Ref", "AlarmTopic"))))
                .map(alarm -> alarm.get("Namespace") + " " + alarm.get("MetricName"))
                .collect(Collectors.toSet());
        assertThat(metrics).containsExactlyInAnyOrder("AWS/ApiGateway 5XXError", "AWS/Lambda Errors", "AWS/Lambda Throttles");
        assertThat(template.resource("AlarmEmailSubscription")).containsEntry("Condition", "HasAlarmEmail");
    }

    @Test
    void theWebBucket_isPrivate_encrypted_andReadByTheDistributionAlone() {
        Map<String, Object> bucket = template.properties("WebBucket");
        assertThat(bucket.get("PublicAccessBlockConfiguration")).isEqualTo(Map.of("BlockPublicAcls", true,
                "BlockPublicPolicy", true, "IgnorePublicAcls", true, "RestrictPublicBuckets", true));
        assertThat(bucket).containsKey("BucketEncryption").doesNotContainKeys("WebsiteConfiguration", "AccessControl");

        Map<String, Object> read = statements(template.properties("WebBucketPolicy")).get(0);
        assertThat(read).containsEntry("Principal", Map.of("Service", "cloudfront.amazonaws.com"))
                .containsEntry("Action", "s3:GetObject");
        assertThat(String.valueOf(read.get("Condition"))).contains("AWS:SourceArn", "distribution/${WebDistribution}");
    }

    @Test
    void theDistribution_servesTheAppOverHttps_andTheApiOnTheSameOrigin_uncached() {
        Map<String, Object> config = map(template.properties("WebDistribution").get("DistributionConfig"));
        assertThat(config).containsEntry("DefaultRootObject", "index.html");
        Map<String, Object> web = map(config.get("DefaultCacheBehavior"));
        assertThat(web).containsEntry("ViewerProtocolPolicy", "redirect-to-https")
                .containsEntry("ResponseHeadersPolicyId", Map.of("Ref", "WebResponseHeadersPolicy"));
        Map<String, Object> s3Origin = list(config.get("Origins")).stream().map(TemplateTest::map)
                .filter(o -> o.get("Id").equals(web.get("TargetOriginId"))).findFirst().orElseThrow();
        assertThat(s3Origin).containsEntry("OriginAccessControlId", Map.of("Fn::GetAtt", List.of("WebOriginAccessControl", "Id")));

        Map<String, Object> api = map(list(config.get("CacheBehaviors")).get(0));
        assertThat(api).containsEntry("PathPattern", "/pwausers*").containsEntry("ViewerProtocolPolicy", "https-only")
                .containsEntry("CachePolicyId", CACHING_DISABLED);
        assertThat(list(api.get("AllowedMethods"))).contains("GET", "POST", "DELETE", "OPTIONS");
        Map<String, Object> apiOrigin = list(config.get("Origins")).stream().map(TemplateTest::map)
                .filter(o -> o.get("Id").equals(api.get("TargetOriginId"))).findFirst().orElseThrow();
        assertThat(String.valueOf(apiOrigin.get("DomainName"))).contains("${" + API + "}.execute-api.");
        assertThat(apiOrigin.get("OriginPath")).isEqualTo(Map.of("Fn::Sub", "/${StageName}"));

        Map<String, Object> forwarded = map(map(template.properties(
                (String) map(api.get("OriginRequestPolicyId")).get("Ref")).get("OriginRequestPolicyConfig")).get("HeadersConfig"));
        assertThat(list(forwarded.get("Headers"))).containsExactlyInAnyOrder("Content-Type", HeaderNames.IDEMPOTENCY_KEY);
    }

    @Test
    void theResponseHeaders_setHsts_nosniff_noFraming_andAStrictContentSecurityPolicy() {
        Map<String, Object> security = securityHeaders();
        assertThat(map(security.get("StrictTransportSecurity"))).containsEntry("Override", true);
        assertThat(((Number) map(security.get("StrictTransportSecurity")).get("AccessControlMaxAgeSec")).longValue())
                .isGreaterThanOrEqualTo(31_536_000L);
        assertThat(security).containsEntry("ContentTypeOptions", Map.of("Override", true));
        assertThat(map(security.get("FrameOptions"))).containsEntry("FrameOption", "DENY");
        Map<String, Set<String>> csp = directives(contentSecurityPolicy());
        assertThat(csp.get("frame-ancestors")).containsExactly("'none'");
        assertThat(csp.get("script-src")).containsExactly("'self'");
        assertThat(csp.values()).allSatisfy(sources -> assertThat(sources).doesNotContain("'unsafe-inline'", "'unsafe-eval'", "*"));
    }

    /** web/index.html's meta tag and the CloudFront header carry one policy (frame-ancestors only a header can set). */
    @Test
    void theContentSecurityPolicy_isTheWebAppsOwn() throws IOException {
        Matcher meta = CSP_META.matcher(Files.readString(ProjectFiles.root().resolve("web").resolve("index.html")));
        assumeTrue(meta.find(), "web/index.html has no Content-Security-Policy meta tag yet");

        Map<String, Set<String>> page = directives(meta.group(1));
        Map<String, Set<String>> header = directives(contentSecurityPolicy());
        page.remove("frame-ancestors");
        header.remove("frame-ancestors");
        assertThat(header).isEqualTo(page);
    }

    @Test
    void outputs_giveWhatTheDeployToolReads() {
        assertThat(template.outputs()).containsKeys(StackOutputs.WEB_URL, StackOutputs.WEB_BUCKET_NAME,
                StackOutputs.WEB_DISTRIBUTION_ID, "ApiUrl");
    }

    @Test
    void samconfig_deploysWithoutQuestions_inTheUsersRegion() throws IOException {
        JsonNode config = new TomlMapper().readTree(Files.readString(ProjectFiles.root().resolve(SamConfig.FILE)));
        JsonNode deploy = config.at("/default/deploy/parameters");
        assertThat(SamConfig.stackName(ProjectFiles.root())).isEqualTo("pwa-users");
        assertThat(deploy.get("capabilities").asText()).isEqualTo("CAPABILITY_IAM");
        assertThat(deploy.get("confirm_changeset").asBoolean()).isFalse();
        assertThat(deploy.get("fail_on_empty_changeset").asBoolean()).isFalse();
        assertThat(deploy.get("resolve_s3").asBoolean()).isTrue();
        assertThat(config.findValue("region")).as("the region is the user's, not the repository's").isNull();
    }

    private Map<String, Object> securityHeaders() {
        return map(map(template.properties("WebResponseHeadersPolicy").get("ResponseHeadersPolicyConfig"))
                .get("SecurityHeadersConfig"));
    }

    private String contentSecurityPolicy() {
        return (String) map(securityHeaders().get("ContentSecurityPolicy")).get("ContentSecurityPolicy");
    }

    /** A policy's directives: name to the set of its sources. */
    static Map<String, Set<String>> directives(String policy) {
        Map<String, Set<String>> directives = new java.util.TreeMap<>();
        for (String directive : policy.trim().split("\\s*;\\s*")) {
            String[] parts = directive.trim().split("\\s+");
            if (!parts[0].isEmpty()) {
                directives.put(parts[0].toLowerCase(java.util.Locale.ROOT),
                        new TreeSet<>(Arrays.asList(parts).subList(1, parts.length)));
            }
        }
        return directives;
    }

    private static List<Map<String, Object>> statements(Map<String, Object> holder) {
        List<Map<String, Object>> statements = new java.util.ArrayList<>();
        if (holder.containsKey("PolicyDocument")) {
            list(map(holder.get("PolicyDocument")).get("Statement")).forEach(s -> statements.add(map(s)));
        }
        for (Object policy : list(holder.getOrDefault("Policies", List.of()))) {
            list(map(map(policy).get("PolicyDocument")).get("Statement")).forEach(s -> statements.add(map(s)));
        }
        return statements;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        assertThat(o).isInstanceOf(Map.class);
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of(o);
    }
}
