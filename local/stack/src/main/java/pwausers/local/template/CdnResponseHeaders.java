package pwausers.local.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import pwausers.local.engine.SamTemplate;

/**
 * The headers CloudFront adds to every answer, as template.yaml's distribution declares them: each cache behaviour
 * (its {@code PathPattern}s in order, then the default behaviour) names a response headers policy, whose
 * {@code SecurityHeadersConfig} and {@code CustomHeadersConfig} give headers, each with its {@code Override}
 * (replace the origin's header, or add it only where the origin sent none), and whose {@code RemoveHeadersConfig}
 * removes the origin's. The local stack adds them to the web app's files and to the API's answers, so that what a
 * browser meets on {@code up} is what it meets behind CloudFront: the Content-Security-Policy applies to the service
 * worker only as a header.
 *
 * <p>Read from the CloudFormation reference, {@code AWS::CloudFront::ResponseHeadersPolicy} and its
 * SecurityHeadersConfig properties (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-cloudfront-responseheaderspolicy-securityheadersconfig.html),
 * and path patterns as CloudFront matches them ({@code *} any characters, {@code ?} one; case-sensitive). A part of a
 * policy the stack cannot add as CloudFront would (CORS, Server-Timing) or a managed policy is refused at start,
 * rather than left out unseen.
 */
public final class CdnResponseHeaders {
    private static final String DISTRIBUTION = "AWS::CloudFront::Distribution";

    /** One header a policy adds; override: replace the origin's, else only add where the origin sent none. */
    public record Header(String name, String value, boolean override) {
    }

    /** What one behaviour's policy does to an answer. */
    public record Policy(List<Header> headers, List<String> removed) {
        public static final Policy NONE = new Policy(List.of(), List.of());
    }

    private record Behaviour(Pattern path, Policy policy) {
    }

    /** Nothing added: a template without a distribution. */
    public static final CdnResponseHeaders NONE = new CdnResponseHeaders(List.of());

    private final List<Behaviour> behaviours;

    private CdnResponseHeaders(List<Behaviour> behaviours) {
        this.behaviours = List.copyOf(behaviours);
    }

    /**
     * The headers of the template's distribution ({@link #NONE} when it has none).
     *
     * @throws IllegalStateException for more than one distribution, a managed policy, or a part the stack cannot add
     */
    public static CdnResponseHeaders read(SamTemplate template) {
        List<String> distributions = template.logicalIdsOfType(DISTRIBUTION);
        if (distributions.isEmpty()) {
            return NONE;
        }
        if (distributions.size() > 1) {
            throw new IllegalStateException("template.yaml has " + distributions.size() + " CloudFront distributions "
                    + distributions + "; the local stack serves one");
        }
        Map<String, Object> config = map(template.properties(distributions.get(0)).get("DistributionConfig"));
        List<Behaviour> behaviours = new ArrayList<>();
        for (Object behaviour : list(config.get("CacheBehaviors"))) {
            Map<String, Object> b = map(behaviour);
            behaviours.add(new Behaviour(pathPattern(String.valueOf(b.get("PathPattern"))), policy(template, b)));
        }
        behaviours.add(new Behaviour(Pattern.compile(".*", Pattern.DOTALL),
                policy(template, map(config.get("DefaultCacheBehavior")))));
        return new CdnResponseHeaders(behaviours);
    }

    /** The policy of the behaviour that serves this path (the request's path, as sent). */
    public Policy forPath(String path) {
        for (Behaviour behaviour : behaviours) {
            if (behaviour.path().matcher(path).matches()) {
                return behaviour.policy();
            }
        }
        return Policy.NONE;
    }

    /** A CloudFront path pattern as a regular expression: {@code *} any characters, {@code ?} one; "/" implied. */
    static Pattern pathPattern(String pattern) {
        String withSlash = pattern.startsWith("/") || pattern.equals("*") ? pattern : "/" + pattern;
        StringBuilder regex = new StringBuilder();
        for (char c : withSlash.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static Policy policy(SamTemplate template, Map<String, Object> behaviour) {
        Object id = behaviour.get("ResponseHeadersPolicyId");
        if (id == null) {
            return Policy.NONE;
        }
        if (!(id instanceof Map<?, ?> ref) || !(ref.get("Ref") instanceof String logicalId)) {
            throw new IllegalStateException("a CloudFront behaviour names the response headers policy " + id
                    + ": the local stack adds only the template's own (ResponseHeadersPolicyId: !Ref ...)");
        }
        Map<String, Object> config = map(template.properties(logicalId).get("ResponseHeadersPolicyConfig"));
        for (String part : List.of("CorsConfig", "ServerTimingHeadersConfig")) {
            if (config.containsKey(part)) {
                throw new IllegalStateException(logicalId + " has " + part + ", which the local stack does not add:"
                        + " teach " + CdnResponseHeaders.class.getSimpleName() + " what CloudFront does with it");
            }
        }
        List<Header> headers = new ArrayList<>(securityHeaders(map(config.get("SecurityHeadersConfig"))));
        for (Object item : list(map(config.get("CustomHeadersConfig")).get("Items"))) {
            Map<String, Object> custom = map(item);
            headers.add(new Header(String.valueOf(custom.get("Header")), String.valueOf(custom.get("Value")),
                    Boolean.TRUE.equals(custom.get("Override"))));
        }
        List<String> removed = list(map(config.get("RemoveHeadersConfig")).get("Items")).stream()
                .map(item -> String.valueOf(map(item).get("Header"))).toList();
        return new Policy(List.copyOf(headers), removed);
    }

    private static List<Header> securityHeaders(Map<String, Object> security) {
        Map<String, Header> headers = new LinkedHashMap<>();
        security.forEach((name, value) -> {
            Map<String, Object> setting = map(value);
            boolean override = Boolean.TRUE.equals(setting.get("Override"));
            Header header = switch (name) {
                case "ContentSecurityPolicy" -> new Header("Content-Security-Policy",
                        String.valueOf(setting.get("ContentSecurityPolicy")).replaceAll("\\s+", " ").trim(), override);
                case "ContentTypeOptions" -> new Header("X-Content-Type-Options", "nosniff", override);
                case "FrameOptions" -> new Header("X-Frame-Options", String.valueOf(setting.get("FrameOption")), override);
                case "ReferrerPolicy" -> new Header("Referrer-Policy", String.valueOf(setting.get("ReferrerPolicy")),
                        override);
                case "StrictTransportSecurity" -> new Header("Strict-Transport-Security",
                        "max-age=" + setting.get("AccessControlMaxAgeSec")
                                + (Boolean.TRUE.equals(setting.get("IncludeSubdomains")) ? "; includeSubDomains" : "")
                                + (Boolean.TRUE.equals(setting.get("Preload")) ? "; preload" : ""), override);
                case "XSSProtection" -> new Header("X-XSS-Protection", xssProtection(setting), override);
                default -> throw new IllegalStateException("SecurityHeadersConfig." + name
                        + " is not known to the local stack: teach " + CdnResponseHeaders.class.getSimpleName());
            };
            headers.put(name, header);
        });
        return List.copyOf(headers.values());
    }

    private static String xssProtection(Map<String, Object> setting) {
        if (!Boolean.TRUE.equals(setting.get("Protection"))) {
            return "0";
        }
        return "1" + (Boolean.TRUE.equals(setting.get("ModeBlock")) ? "; mode=block"
                : setting.get("ReportUri") != null ? "; report=" + setting.get("ReportUri") : "");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<Object> list(Object value) {
        return value instanceof List<?> l ? List.copyOf(l) : List.of();
    }
}
