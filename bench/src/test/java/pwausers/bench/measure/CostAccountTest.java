package pwausers.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import pwausers.bench.results.Row;
import pwausers.bench.rig.CapacityProxy.Call;

/** The per-request cost rows from canned invocations and item operations, each figure worked out by hand. */
class CostAccountTest {
    private static final CostAccount.Route POST = new CostAccount.Route("post", "POST /pwausers", "POST", "/pwausers",
            201);
    private static final CostAccount.Route GET = new CostAccount.Route("get", "GET /pwausers/{id}", "GET",
            "/pwausers/{id}", 200);
    private static final String CREATED = "{\"statusCode\":201,\"headers\":{\"Access-Control-Allow-Origin\":\"*\"},"
            + "\"body\":\"{\\\"PwaUserId\\\":\\\"6C-LRYNh42Hj3pdh4Ob5OA\\\",\\\"Firstname\\\":\\\"Mickey\\\",\\\"Lastname\\\":"
            + "\\\"Mouse\\\",\\\"Message\\\":\\\"Successfully added user!\\\"}\"}";
    private static final String FOUND = "{\"statusCode\":200,\"headers\":{},\"body\":\"{}\"}";

    private static CostAccount.Invocation invocation(int route, long startMicros, long endMicros, long logBytes,
                                                     String answer) {
        return new CostAccount.Invocation(route, startMicros * 1000, endMicros * 1000, logBytes,
                answer.getBytes(StandardCharsets.UTF_8));
    }

    private static Call write(long atMicros, double units) {
        return new Call(atMicros * 1000, "PutItem", "PwaUsers", units, 0, false);
    }

    @Test
    void units_areTheCallsInsideEachSpan_ofTheMedianRequest() {
        // three keyed POSTs: a claim, the entry and the completion each (3 units), the last one's entry retried once;
        // a GET between them is not theirs
        List<CostAccount.Invocation> posts = List.of(invocation(0, 0, 100, 0, CREATED),
                invocation(0, 1000, 1100, 0, CREATED), invocation(0, 2000, 2100, 0, CREATED));
        List<Call> calls = List.of(write(10, 1), write(20, 1), write(30, 1), new Call(500_000, "GetItem", "PwaUsers",
                0, 1, false), write(1010, 1), write(1020, 1), write(1099, 1), write(2010, 1), write(2020, 1),
                write(2030, 1), write(2099, 1));

        assertThat(CostAccount.units(posts, calls, Call::writeUnits)).as("3, 3 and 4 units").isEqualTo(3);
        assertThat(CostAccount.units(posts, calls, Call::readUnits)).isZero();
        assertThat(CostAccount.units(List.of(), calls, Call::writeUnits)).isNaN();
    }

    @Test
    void billedDuration_isEachInvocationRoundedUpToTheMillisecond_thenTheirMean() {
        // 1.2 ms, 1.9 ms and 3.0 ms are billed 2, 2 and 3 ms: a mean of 2.33, a median of 2
        List<CostAccount.Invocation> timed = List.of(invocation(0, 0, 1200, 300, CREATED),
                invocation(0, 5000, 6900, 310, CREATED), invocation(0, 10_000, 13_000, 320, CREATED));

        List<Row> rows = CostAccount.rows(List.of(POST), timed, timed, List.of(write(100, 1), write(5100, 1),
                write(10_100, 1)), "{\"status\":\"$context.status\"}", "prod");

        assertThat(rows).extracting(Row::id).containsExactly("cost.post.write-units", "cost.post.read-units",
                "cost.post.billed", "cost.post.billed-median", "cost.post.log-function", "cost.post.log-access", "cost.post.response");
        assertThat(rows.get(0).cells()[1]).isEqualTo("1.0 WRU");
        assertThat(rows.get(1).cells()[1]).isEqualTo("0.0 RRU");
        assertThat(rows.get(2).value().value()).isCloseTo(7 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(rows.get(3).cells()[1]).isEqualTo("2.0 ms billed");
        assertThat(rows.get(4).value().value()).isEqualTo(310);
        assertThat(rows.get(5).value().value()).as("{\"status\":\"201\"}").isEqualTo(16);
    }

    @Test
    void theAccessLogLine_isTheTemplatesFormatFilledIn() {
        String format = "{\"requestId\":\"$context.requestId\",\"path\":\"$context.path\",\"resourcePath\":"
                + "\"$context.resourcePath\",\"responseLength\":\"$context.responseLength\",\"latencyMs\":"
                + "\"$context.responseLatency\",\"integrationLatencyMs\":\"$context.integrationLatency\",\"error\":"
                + "\"$context.error.responseType\"}";

        int bytes = CostAccount.accessLogBytes(format, "prod", GET, invocation(1, 0, 2500, 0, FOUND));

        // {"requestId":"<36>","path":"/prod/pwausers/<22>","resourcePath":"/pwausers/{id}","responseLength":"2",
        //  "latencyMs":"13","integrationLatencyMs":"3","error":"-"}
        String line = "{\"requestId\":\"c6af9ac6-7b61-11e6-9a41-93e8deadbeef\",\"path\":\"/prod/pwausers/"
                + "6C-LRYNh42Hj3pdh4Ob5OA\",\"resourcePath\":\"/pwausers/{id}\",\"responseLength\":\"2\",\"latencyMs\":"
                + "\"13\",\"integrationLatencyMs\":\"3\",\"error\":\"-\"}";
        assertThat(bytes).isEqualTo(line.length());
    }

    @Test
    void theAnswersBytes_areItsStatusLineHeadersAndBody_withTheGatewaysOwnHeaders() {
        assertThat(CostAccount.responseBytes(FOUND.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(head("200 OK", "", 2).length() + "{}".length());
        String body = "{\"PwaUserId\":\"6C-LRYNh42Hj3pdh4Ob5OA\",\"Firstname\":\"Mickey\",\"Lastname\":\"Mouse\","
                + "\"Message\":\"Successfully added user!\"}";
        assertThat(CostAccount.responseBytes(CREATED.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(head("201 Created", "Access-Control-Allow-Origin: *\r\n", body.length()).length()
                        + body.length());
    }

    /** API Gateway's answer up to its body, over HTTP/1.1. */
    private static String head(String status, String functionHeaders, int contentLength) {
        return "HTTP/1.1 " + status + "\r\n" + functionHeaders
                + "Date: Mon, 07 Dec 2026 03:15:55 GMT\r\n"
                + "x-amzn-RequestId: c6af9ac6-7b61-11e6-9a41-93e8deadbeef\r\n"
                + "x-amz-apigw-id: Q1w2E3r4T5yFAbc=\r\n"
                + "X-Amzn-Trace-Id: Root=1-67a1b2c3-0123456789abcdef01234567;Parent=0123456789abcdef;Sampled=0;"
                + "Lineage=1:ab12cd34:0\r\n"
                + "Content-Length: " + contentLength + "\r\nConnection: keep-alive\r\n\r\n";
    }

    @Test
    void afterARestore_theFirstInvocationIsBilledToTheNextMillisecond() {
        Row row = CostAccount.afterRestore(POST, 5_705_000);

        assertThat(row.id()).isEqualTo("cost.post.billed-after-restore");
        assertThat(row.cells()[1]).isEqualTo("6.0 ms billed");
    }
}
