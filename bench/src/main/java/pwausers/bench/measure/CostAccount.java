package pwausers.bench.measure;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import pwausers.bench.http.Answers;
import pwausers.bench.report.Percentiles;
import pwausers.bench.results.Figure;
import pwausers.bench.results.Figure.Unit;
import pwausers.bench.results.Row;
import pwausers.bench.rig.CapacityProxy.Call;

/**
 * What one request of each route uses of what AWS bills, from the invocations of a routes child and the item operations
 * the capacity proxy saw: DynamoDB's write and read request units, the function's billed duration (Lambda bills the
 * handler's time rounded up to the next millisecond), the bytes of the function's log line, of the stage's access log
 * line (template.yaml's format filled in), and of the answer as API Gateway sends it.
 */
final class CostAccount {
    /**
     * A route as the routes child sends it.
     *
     * @param id     the rows' id part ({@code post-keyed})
     * @param name   in words ({@code POST /pwausers with a new Idempotency-Key})
     * @param method the HTTP method
     * @param resourcePath the template's path of the route
     * @param status the status every answer must have
     */
    record Route(String id, String name, String method, String resourcePath, int status) {
    }

    /**
     * One invocation of a routes child.
     *
     * @param route      its route's index
     * @param startNanos when it started, on the monotonic clock the proxy reads too
     * @param endNanos   when its answer was ready
     * @param logBytes   the bytes the function logged
     * @param answer     the handler's answer (the REST proxy response)
     */
    record Invocation(int route, long startNanos, long endNanos, long logBytes, byte[] answer) {
        double millis() {
            return (endNanos - startNanos) / 1e6;
        }

        /** Lambda's billed duration: the duration rounded up to the next millisecond. */
        double billedMillis() {
            return Math.ceil(millis());
        }
    }

    /**
     * API Gateway's own headers on an answer, with values of their real length: the request id, the API Gateway id,
     * the trace id, the date; Content-Length and Connection are added from the answer.
     */
    private static final Map<String, String> GATEWAY_HEADERS = Map.of(
            "Date", "Mon, 07 Dec 2026 03:15:55 GMT",
            "x-amzn-RequestId", "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
            "x-amz-apigw-id", "Q1w2E3r4T5yFAbc=",
            "X-Amzn-Trace-Id", "Root=1-67a1b2c3-0123456789abcdef01234567;Parent=0123456789abcdef;Sampled=0;Lineage=1:ab12cd34:0");
    private static final Pattern CONTEXT_VARIABLE = Pattern.compile("\\$context\\.([A-Za-z.]+)");

    private CostAccount() {
    }

    /**
     * The rows of each route: units from {@code metered} (run through the proxy, whose {@code calls} fall inside
     * their spans), the rest from {@code timed} (run straight to the engine).
     *
     * @param accessLogFormat the stage's AccessLogSetting Format, or null if the template has none
     * @param stage           the stage's name, which {@code $context.path} starts with
     */
    static List<Row> rows(List<Route> routes, List<Invocation> timed, List<Invocation> metered, List<Call> calls,
                          String accessLogFormat, String stage) {
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < routes.size(); r++) {
            Route route = routes.get(r);
            int index = r;
            List<Invocation> mine = timed.stream().filter(i -> i.route() == index).toList();
            List<Invocation> meteredMine = metered.stream().filter(i -> i.route() == index).toList();
            String id = "cost." + route.id();
            rows.add(Row.of(id + ".write-units", "DynamoDB write request units, median request: " + route.name(),
                    Figure.of(units(meteredMine, calls, Call::writeUnits), Unit.WRITE_UNITS)));
            rows.add(Row.of(id + ".read-units", "DynamoDB read request units, median request: " + route.name(),
                    Figure.of(units(meteredMine, calls, Call::readUnits), Unit.READ_UNITS)));
            rows.add(Row.of(id + ".billed", "billed duration, warm, mean (what the requests cost): " + route.name(),
                    Figure.of(mean(mine, Invocation::billedMillis), Unit.BILLED_MILLISECONDS)));
            rows.add(Row.of(id + ".billed-median", "billed duration, warm, median: " + route.name(),
                    Figure.of(Percentiles.median(mine.stream().map(Invocation::billedMillis).toList()),
                            Unit.BILLED_MILLISECONDS)));
            rows.add(Row.of(id + ".log-function", "bytes of the function's log line: " + route.name(),
                    Figure.of(mean(mine, i -> i.logBytes()), Unit.BYTES)));
            Invocation sample = mine.isEmpty() ? null : mine.get(mine.size() - 1);
            rows.add(Row.of(id + ".log-access", "bytes of the stage's access log line: " + route.name(),
                    sample == null || accessLogFormat == null ? null : Figure.of(accessLogBytes(accessLogFormat, stage,
                            route, sample), Unit.BYTES)));
            rows.add(Row.of(id + ".response", "bytes of the answer (status line, headers, body): " + route.name(),
                    sample == null ? null : Figure.of(responseBytes(sample.answer()), Unit.BYTES)));
        }
        return rows;
    }

    /** The billed duration of a first invocation after a restore, taking {@code nanos}. */
    static Row afterRestore(Route route, long nanos) {
        return Row.of("cost." + route.id() + ".billed-after-restore", "billed duration, first invocation after a"
                + " restore: " + route.name(), Figure.of(Math.ceil(nanos / 1e6), Unit.BILLED_MILLISECONDS));
    }

    /**
     * The units of the median invocation, each the sum of the calls that came back within its span: an SDK retry on
     * a busy machine adds units to its own request, not to the figure.
     */
    static double units(List<Invocation> invocations, List<Call> calls, ToDoubleFunction<Call> units) {
        List<Double> each = new ArrayList<>();
        for (Invocation invocation : invocations) {
            double sum = 0;
            for (Call call : calls) {
                if (call.atNanos() >= invocation.startNanos() && call.atNanos() <= invocation.endNanos()) {
                    sum += units.applyAsDouble(call);
                }
            }
            each.add(sum);
        }
        return Percentiles.median(each);
    }

    private static double mean(List<Invocation> invocations, ToDoubleFunction<Invocation> figure) {
        return invocations.isEmpty() ? Double.NaN : invocations.stream().mapToDouble(figure).average().orElseThrow();
    }

    /**
     * The access log line the stage writes for this invocation: the format with each {@code $context} variable as
     * API Gateway fills it (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-variables-for-access-logging.html),
     * the latencies from the invocation (API Gateway's own overhead taken as 10 ms), a variable without a value "-".
     */
    static int accessLogBytes(String format, String stage, Route route, Invocation invocation) {
        JsonNode answer = json(invocation.answer());
        String path = "/" + stage + route.resourcePath().replace("{id}", "6C-LRYNh42Hj3pdh4Ob5OA");
        long integration = (long) invocation.billedMillis();
        Map<String, String> values = Map.ofEntries(
                Map.entry("requestId", "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"),
                Map.entry("requestTime", "07/Dec/2026:03:15:55 +0000"),
                Map.entry("identity.sourceIp", "198.51.100.7"),
                Map.entry("httpMethod", route.method()),
                Map.entry("path", path),
                Map.entry("resourcePath", route.resourcePath()),
                Map.entry("status", answer.path("statusCode").asText()),
                Map.entry("responseLength", Integer.toString(utf8(answer.path("body").asText("")))),
                Map.entry("responseLatency", Long.toString(integration + 10)),
                Map.entry("integrationLatency", Long.toString(integration)),
                Map.entry("integrationStatus", "200"));
        Matcher variable = CONTEXT_VARIABLE.matcher(format);
        StringBuilder line = new StringBuilder();
        while (variable.find()) {
            variable.appendReplacement(line, Matcher.quoteReplacement(values.getOrDefault(variable.group(1), "-")));
        }
        variable.appendTail(line);
        return utf8(line.toString());
    }

    /** The answer as API Gateway sends it over HTTP/1.1: status line, the function's and its own headers, body. */
    static int responseBytes(byte[] handlerAnswer) {
        JsonNode answer = json(handlerAnswer);
        String body = answer.path("body").isNull() ? "" : answer.path("body").asText("");
        int status = answer.path("statusCode").asInt();
        String reason = switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            default -> "Error";
        };
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
        answer.path("headers").properties().forEach(h -> head.append(h.getKey()).append(": ")
                .append(h.getValue().asText()).append("\r\n"));
        GATEWAY_HEADERS.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(utf8(body)).append("\r\nConnection: keep-alive\r\n\r\n");
        return utf8(head.toString()) + utf8(body);
    }

    private static JsonNode json(byte[] answer) {
        try {
            return Answers.JSON.readTree(answer);
        } catch (IOException e) {
            throw new UncheckedIOException("an answer that is not JSON", e);
        }
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
