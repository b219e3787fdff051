package pwausers.local.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The REST API as template.yaml declares it: each function's {@code Api} events are its routes; the
 * AWS::Serverless::Api gives the stage, the CORS settings, the gateway responses' extra headers and the stage's
 * method settings (their throttling).
 */
public record LocalApi(String stageName, List<Route> routes, Cors cors, Map<String, Map<String, String>> gatewayResponseHeaders,
                       List<MethodSetting> methodSettings) {
    /** The template's parameters for the stage's throttle, which {@code up --parameter} overrides. */
    public static final String RATE_LIMIT_PARAMETER = "ApiThrottlingRateLimit";
    public static final String BURST_LIMIT_PARAMETER = "ApiThrottlingBurstLimit";
    /**
     * Overrides that lift the stage's throttle beyond what one machine can send: for the tests and harnesses that
     * send bursts to the local stack and measure something else than the throttle.
     */
    public static final Map<String, String> THROTTLE_OUT_OF_REACH = Map.of(
            RATE_LIMIT_PARAMETER, "1000000", BURST_LIMIT_PARAMETER, "1000000");


    /** A method on a path template ({@code /pwausers}, {@code /items/{id}}, {@code /{proxy+}}) served by a function. */
    public record Route(String method, String path, String functionName) {
        /** ANY matches every method. */
        public boolean matchesMethod(String requestMethod) {
            return method.equals("ANY") || method.equals(requestMethod);
        }

        /**
         * The path parameters if the request path fits this route's template, else null. As API Gateway does, trailing
         * slashes are ignored, and the path is taken as the client sent it: a parameter's value keeps its
         * percent-encoding, and an encoded slash ({@code %2F}) stays within its segment.
         */
        public Map<String, String> match(String requestPath) {
            String trimmed = requestPath;
            while (trimmed.length() > 1 && trimmed.endsWith("/")) {
                trimmed = trimmed.substring(0, trimmed.length() - 1);
            }
            String[] template = path.split("/", -1);
            String[] actual = trimmed.split("/", -1);
            Map<String, String> parameters = new LinkedHashMap<>();
            for (int i = 0; i < template.length; i++) {
                String part = template[i];
                if (part.startsWith("{") && part.endsWith("+}")) {
                    if (i >= actual.length || actual[i].isEmpty()) {
                        return null;
                    }
                    parameters.put(part.substring(1, part.length() - 2), String.join("/",
                            java.util.Arrays.copyOfRange(actual, i, actual.length)));
                    return parameters;
                }
                if (i >= actual.length) {
                    return null;
                }
                if (part.startsWith("{") && part.endsWith("}")) {
                    if (actual[i].isEmpty()) {
                        return null;
                    }
                    parameters.put(part.substring(1, part.length() - 1), actual[i]);
                } else if (!part.equals(actual[i])) {
                    return null;
                }
            }
            return template.length == actual.length ? parameters : null;
        }
    }

    /** The API's CORS settings, as the header values the preflight answer carries; null fields are not sent. */
    public record Cors(String allowMethods, String allowHeaders, String allowOrigin, String maxAge, String allowCredentials) {
    }

    /** A method's throttle: a token bucket of {@code burst} tokens refilled at {@code rate} a second. */
    public record Throttle(double rate, int burst) {
    }

    /**
     * One entry of the stage's MethodSettings, as far as throttling goes: the methods it selects (ResourcePath as
     * CloudFormation writes it: {@code /*} for all, else a slash and the path with {@code ~1} for each of its
     * slashes; HttpMethod, {@code *} for all) and its limits, null where it sets none.
     */
    public record MethodSetting(String resourcePath, String httpMethod, Double rateLimit, Integer burstLimit) {
        /** How closely it selects that method: -1 not at all, 0 every method of every path, 3 this very one. */
        int specificity(String path, String method) {
            boolean allPaths = resourcePath.equals("/*");
            boolean allMethods = httpMethod.equals("*");
            if (!allPaths && !path(resourcePath).equals(path)
                    || !allMethods && !httpMethod.equalsIgnoreCase(method)) {
                return -1;
            }
            return (allPaths ? 0 : 2) + (allMethods ? 0 : 1);
        }

        /** The resource path it names: {@code /~1items~1{id}} is {@code /items/{id}}, and {@code /} the root. */
        private static String path(String resourcePath) {
            return resourcePath.equals("/") ? "/" : resourcePath.substring(1).replace("~1", "/");
        }
    }

    public static LocalApi read(LocalValues values) {
        var template = values.template();
        List<Route> routes = new ArrayList<>();
        String apiId = null;
        for (String function : template.logicalIdsOfType("AWS::Serverless::Function")) {
            if (!(template.properties(function).get("Events") instanceof Map<?, ?> events)) {
                continue;
            }
            for (Object event : events.values()) {
                if (event instanceof Map<?, ?> e && "Api".equals(e.get("Type")) && e.get("Properties") instanceof Map<?, ?> p) {
                    routes.add(new Route(String.valueOf(p.get("Method")).toUpperCase(Locale.ROOT),
                            String.valueOf(p.get("Path")), function));
                    if (p.get("RestApiId") instanceof Map<?, ?> ref && ref.get("Ref") != null) {
                        apiId = String.valueOf(ref.get("Ref"));
                    }
                }
            }
        }
        Map<String, Object> api = apiId != null ? template.properties(apiId) : Map.of();
        String stage = api.containsKey("StageName") ? values.text(api.get("StageName")) : "Prod";
        Cors cors = null;
        if (api.get("Cors") instanceof Map<?, ?> c) {
            cors = new Cors(headerValue(values, c.get("AllowMethods")), headerValue(values, c.get("AllowHeaders")),
                    headerValue(values, c.get("AllowOrigin")), headerValue(values, c.get("MaxAge")),
                    Boolean.TRUE.equals(c.get("AllowCredentials")) ? "true" : null);
        } else if (api.get("Cors") != null) {
            cors = new Cors(null, null, headerValue(values, api.get("Cors")), null, null);
        }
        Map<String, Map<String, String>> responseHeaders = new LinkedHashMap<>();
        if (api.get("GatewayResponses") instanceof Map<?, ?> responses) {
            responses.forEach((type, response) -> {
                Map<String, String> headers = new LinkedHashMap<>();
                if (response instanceof Map<?, ?> r && r.get("ResponseParameters") instanceof Map<?, ?> params
                        && params.get("Headers") instanceof Map<?, ?> h) {
                    h.forEach((name, value) -> headers.put(String.valueOf(name), headerValue(values, value)));
                }
                responseHeaders.put(String.valueOf(type), headers);
            });
        }
        List<MethodSetting> methodSettings = new ArrayList<>();
        if (api.get("MethodSettings") instanceof List<?> settings) {
            for (Object setting : settings) {
                if (setting instanceof Map<?, ?> s) {
                    methodSettings.add(new MethodSetting(values.text(s.get("ResourcePath")), values.text(s.get("HttpMethod")),
                            number(values, s, "ThrottlingRateLimit", Double::valueOf),
                            number(values, s, "ThrottlingBurstLimit", Integer::valueOf)));
                }
            }
        }
        return new LocalApi(stage, List.copyOf(routes), cors, responseHeaders, List.copyOf(methodSettings));
    }

    /**
     * The throttle of one method of the stage (a route's, or the OPTIONS method of a path), or null for none. As API
     * Gateway applies them, the stage's limits hold for each method on its own, and the entry that names the method
     * most closely wins ("Per-API, per-stage throttling limits are applied at the API method level for a stage",
     * <i>Throttle requests to your REST APIs</i>). A method needs a rate and a burst to be throttled here: with either
     * missing, only the account's limits would apply, which the local gateway does not emulate.
     */
    public Throttle throttle(String path, String method) {
        Double rate = null;
        Integer burst = null;
        int rateFrom = -1;
        int burstFrom = -1;
        for (MethodSetting setting : methodSettings) {
            int specificity = setting.specificity(path, method);
            if (setting.rateLimit() != null && specificity > rateFrom) {
                rate = setting.rateLimit();
                rateFrom = specificity;
            }
            if (setting.burstLimit() != null && specificity > burstFrom) {
                burst = setting.burstLimit();
                burstFrom = specificity;
            }
        }
        return rate == null || burst == null ? null : new Throttle(rate, burst);
    }

    /** The headers API Gateway adds to one of its own answers (DEFAULT_4XX, DEFAULT_5XX) for that status. */
    public Map<String, String> gatewayResponseHeaders(int status) {
        return gatewayResponseHeaders.getOrDefault(status >= 500 ? "DEFAULT_5XX" : "DEFAULT_4XX", Map.of());
    }

    /**
     * The headers of the gateway response of that type (THROTTLED, ...), if the template declares one; else those
     * of DEFAULT_4XX or DEFAULT_5XX, as API Gateway falls back to them.
     */
    public Map<String, String> gatewayResponseHeaders(String type, int status) {
        Map<String, String> own = type == null ? null : gatewayResponseHeaders.get(type);
        return own != null ? own : gatewayResponseHeaders(status);
    }

    /**
     * A numeric setting, 0 or more, or null when the template leaves it out; a clear refusal otherwise (a bad
     * {@code --parameter}).
     */
    private static <N extends Number> N number(LocalValues values, Map<?, ?> setting, String name,
                                               Function<String, N> parse) {
        Object value = setting.get(name);
        String text = values.text(value);
        if (text == null) {
            return null;
        }
        N number;
        try {
            number = parse.apply(text.trim());
        } catch (NumberFormatException e) {
            number = null;
        }
        if (number == null || !(number.doubleValue() >= 0) || Double.isInfinite(number.doubleValue())) {
            String from = value instanceof Map<?, ?> ref && ref.get("Ref") != null ? " (parameter " + ref.get("Ref") + ")" : "";
            throw new IllegalArgumentException("the stage's " + name + from + " must be a number, 0 or more, not \""
                    + text + "\"");
        }
        return number;
    }

    /** SAM writes header values as quoted literals: {@code "'POST,OPTIONS'"}. */
    private static String headerValue(LocalValues values, Object value) {
        String text = values.text(value);
        if (text == null) {
            return null;
        }
        return text.length() >= 2 && text.startsWith("'") && text.endsWith("'") ? text.substring(1, text.length() - 1) : text;
    }
}
