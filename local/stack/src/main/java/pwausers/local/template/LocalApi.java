package pwausers.local.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The REST API as template.yaml declares it: each function's {@code Api} events are its routes; the
 * AWS::Serverless::Api gives the stage, the CORS settings and the gateway responses' extra headers.
 */
public record LocalApi(String stageName, List<Route> routes, Cors cors, Map<String, Map<String, String>> gatewayResponseHeaders) {

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
        return new LocalApi(stage, List.copyOf(routes), cors, responseHeaders);
    }

    /** The headers API Gateway adds to one of its own answers (DEFAULT_4XX, DEFAULT_5XX) for that status. */
    public Map<String, String> gatewayResponseHeaders(int status) {
        return gatewayResponseHeaders.getOrDefault(status >= 500 ? "DEFAULT_5XX" : "DEFAULT_4XX", Map.of());
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
