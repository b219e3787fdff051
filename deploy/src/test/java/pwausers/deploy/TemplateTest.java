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
import pwausers.function.contract.IdempotencyTable;
import pwausers.function.contract.PwaUsersTable;
import pwausers.local.engine.ProjectFiles;
import pwausers.local.engine.SamTemplate;

/** template.yaml and samconfig.toml as a deploy needs them: what SAM builds, what the web app gets, the guards. */
class TemplateTest {
    private static final String FUNCTION = ProjectTemplate.FUNCTION;
    private static final String ROLE = "AddPwaUserRole";
    private static final String LOG_GROUP = "AddPwaUserLogGroup";
    private static final String API = "PwaUsersApi";
    /** The namespace of the function's own metrics (TEAM's metric contract). */
    private static final String FUNCTION_METRICS = "PwaUsers";
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
        assertThat(metrics).containsExactlyInAnyOrder("AWS/ApiGateway 5XXError", "AWS/Lambda Errors", "AWS/Lambda Throttles",
                FUNCTION_METRICS + " StoreFailures");
        assertThat(template.properties("StoreFailuresAlarm").get("Dimensions"))
                .isEqualTo(List.of(Map.of("Name", "FunctionName", "Value", Map.of("Ref", FUNCTION))));
        assertThat(template.resource("AlarmEmailSubscription")).containsEntry("Condition", "HasAlarmEmail");
    }

    /**
     * Every metric the dashboard draws, as CloudWatch reads its body: the template's Fn::Sub variables stand as
     * {@code <Name>}, a row of {@code "."} repeats the row above in that place, {@code "..."} the rest of it.
     */
    @Test
    void theDashboard_drawsTheApi_theFunction_theTables_theFunctionsOwnMetrics_andEveryAlarm() throws IOException {
        Dashboard dashboard = Dashboard.of(template);
        String api = "ApiName=<AWS::StackName> Stage=<StageName>";
        String function = "FunctionName=<" + FUNCTION + ">";
        assertThat(dashboard.metrics()).contains(
                "AWS/ApiGateway Count " + api, "AWS/ApiGateway 4XXError " + api, "AWS/ApiGateway 5XXError " + api,
                "AWS/ApiGateway Latency " + api,
                "AWS/Lambda Duration " + function, "AWS/Lambda Errors " + function, "AWS/Lambda Throttles " + function,
                "AWS/Lambda ConcurrentExecutions " + function);
        for (String table : List.of(PwaUsersTable.LOGICAL_ID, IdempotencyTable.LOGICAL_ID)) {
            for (String metric : List.of("ConsumedWriteCapacityUnits", "ConsumedReadCapacityUnits", "WriteThrottleEvents",
                    "ReadThrottleEvents")) {
                assertThat(dashboard.metrics()).contains("AWS/DynamoDB " + metric + " TableName=<" + table + ">");
            }
        }
        // the function's own (TEAM's metric contract: namespace PwaUsers, dimension FunctionName; Refusals by Status
        // and Field, drawn by a search over both)
        for (String metric : List.of("SubmissionsStored", "IdempotentReplays", "IdempotencyConflicts", "StoreLatency",
                "StoreFailures")) {
            assertThat(dashboard.metrics()).contains(FUNCTION_METRICS + " " + metric + " " + function);
        }
        assertThat(dashboard.searches()).containsExactly("{" + FUNCTION_METRICS + ",FunctionName,Field,Status}"
                + " MetricName=\"Refusals\" FunctionName=\"<" + FUNCTION + ">\"");
        assertThat(dashboard.alarms()).containsExactlyInAnyOrderElementsOf(template.logicalIdsOfType("AWS::CloudWatch::Alarm")
                .stream().map(alarm -> "<" + alarm + ".Arn>").toList());
        assertThat(dashboard.variables()).as("each a parameter, a resource or a pseudo parameter")
                .allSatisfy(name -> assertThat(name.startsWith("AWS::") || template.section("Parameters").containsKey(name)
                        || template.resources().containsKey(name.split("\\.")[0])).as(name).isTrue());
    }

    @Test
    void tracing_isOffByDefault_andWhenOnTracesTheStageAndTheFunction_whoseRoleMayThenWriteTraces() {
        assertThat(template.parameterDefaults()).containsEntry("Tracing", "false");
        assertThat(template.section("Conditions").get("HasTracing"))
                .isEqualTo(Map.of("Fn::Equals", List.of(Map.of("Ref", "Tracing"), "true")));
        assertThat(template.properties(FUNCTION).get("Tracing"))
                .isEqualTo(Map.of("Fn::If", List.of("HasTracing", "Active", "PassThrough")));
        assertThat(template.properties(API).get("TracingEnabled"))
                .isEqualTo(Map.of("Fn::If", List.of("HasTracing", true, false)));
        // the policy only Tracing adds (function's TemplateIT holds its actions to X-Ray's two write actions)
        assertThat(list(template.properties(ROLE).get("Policies"))).filteredOn(p -> map(p).containsKey("Fn::If"))
                .singleElement().satisfies(p -> assertThat(list(map(p).get("Fn::If")).get(0)).isEqualTo("HasTracing"));
    }

    @Test
    void theAccountsApiGatewaySetting_isAParameter_onByDefault_andTheApiWaitsForItOnlyWhenThisStackSetsIt() {
        assertThat(template.parameterDefaults()).containsEntry("SetApiGatewayAccount", "true");
        for (String resource : List.of("ApiGatewayAccount", "ApiGatewayCloudWatchRole")) {
            assertThat(template.resource(resource)).containsEntry("Condition", "SetsApiGatewayAccount")
                    .containsEntry("DeletionPolicy", "Retain");
        }
        assertThat(template.resource(API)).doesNotContainKey("DependsOn"); // a DependsOn on a resource left out fails
        assertThat(map(template.resource(API).get("Metadata")).values()).containsExactly(Map.of("Fn::If",
                List.of("SetsApiGatewayAccount", Map.of("Ref", "ApiGatewayAccount"), "set outside this stack")));
    }

    @Test
    void theTables_areWarmedOnlyWhenTheParametersSaySo_theIdempotencyTableAsTheEntriesUnlessToldOtherwise() {
        assertThat(template.parameterDefaults()).containsEntry("TableWarmWriteUnitsPerSecond", "0")
                .containsEntry("IdempotencyTableWarmWriteUnitsPerSecond", "0");
        Map<String, Object> asTheEntries = Map.of("Fn::If", List.of("HasWarmThroughput",
                Map.of("WriteUnitsPerSecond", Map.of("Ref", "TableWarmWriteUnitsPerSecond")),
                Map.of("Ref", "AWS::NoValue")));
        assertThat(template.properties(PwaUsersTable.LOGICAL_ID).get("WarmThroughput")).isEqualTo(asTheEntries);
        assertThat(template.properties(IdempotencyTable.LOGICAL_ID).get("WarmThroughput")).isEqualTo(Map.of("Fn::If",
                List.of("HasIdempotencyWarmThroughput",
                        Map.of("WriteUnitsPerSecond", Map.of("Ref", "IdempotencyTableWarmWriteUnitsPerSecond")),
                        asTheEntries)));
        assertThat(template.section("Conditions"))
                .containsEntry("HasWarmThroughput", notZero("TableWarmWriteUnitsPerSecond"))
                .containsEntry("HasIdempotencyWarmThroughput", notZero("IdempotencyTableWarmWriteUnitsPerSecond"));
    }

    private static Map<String, Object> notZero(String parameter) {
        return Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", parameter), 0))));
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
    void outputs_giveWhatTheDeployToolReads_andTheAliasToInvoke() {
        assertThat(template.outputs()).containsKeys(StackOutputs.WEB_URL, StackOutputs.WEB_BUCKET_NAME,
                StackOutputs.WEB_DISTRIBUTION_ID, "ApiUrl", "DashboardUrl");
        assertThat(map(template.outputs().get("FunctionAliasArn")).get("Value"))
                .as("SAM's reference to the alias AutoPublishAlias makes").isEqualTo(Map.of("Ref", FUNCTION + ".Alias"));
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

    /** The statements of a policy, or of a role's policies that hold whatever the parameters (not those under !If). */
    private static List<Map<String, Object>> statements(Map<String, Object> holder) {
        List<Map<String, Object>> statements = new java.util.ArrayList<>();
        if (holder.containsKey("PolicyDocument")) {
            list(map(holder.get("PolicyDocument")).get("Statement")).forEach(s -> statements.add(map(s)));
        }
        for (Object policy : list(holder.getOrDefault("Policies", List.of()))) {
            if (!map(policy).containsKey("Fn::If")) {
                list(map(map(policy).get("PolicyDocument")).get("Statement")).forEach(s -> statements.add(map(s)));
            }
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
