package pwausers.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pwausers.local.lambda.FunctionRunner;
import pwausers.local.template.LocalApi;
import pwausers.local.testing.Http;
import pwausers.local.testing.TestFunctions;
import pwausers.local.testing.JsonTrees;
import pwausers.local.testing.RawAnswer;
import pwausers.local.testing.RawClient;

/** The gateway's fidelity to API Gateway, with a test function that echoes the event it gets. */
class RestApiGatewayTest {
    private static final LocalApi API = new LocalApi("prod",
            List.of(new LocalApi.Route("ANY", "/echo/{name}", "Echo"), new LocalApi.Route("POST", "/items", "Echo"),
                    new LocalApi.Route("GET", "/slow/{name}", "Slow"), // /slow/sleep: a function that times out
                    new LocalApi.Route("GET", "/unwired", "NoSuchFunction")), // a failure inside the gateway: 500
            new LocalApi.Cors("POST,OPTIONS", "Content-Type", "*", "600", null),
            Map.of("DEFAULT_4XX", Map.of("Access-Control-Allow-Origin", "*"),
                    "DEFAULT_5XX", Map.of("Access-Control-Allow-Origin", "*")), List.of());
    /** The same API with a stage that lets each method through twice, and never again (a rate of 0). */
    private static final LocalApi TWICE = new LocalApi(API.stageName(), API.routes(), API.cors(),
            API.gatewayResponseHeaders(), List.of(new LocalApi.MethodSetting("/*", "*", 0.0, 2)));
    /** Small bounds, to reach each in a test: 4 KiB bodies, 1 s grace, 1 kB/s, 6 kB for all bodies in flight. */
    private static final RequestBodies.Limits STRICT = new RequestBodies.Limits(4096, Duration.ofSeconds(1), 1000, 6000);
    /** What the test function's runner logs, as Lambda's log would show it. */
    private static final ByteArrayOutputStream FUNCTION_LOG = new ByteArrayOutputStream();
    /** What the gateway writes to the console, beyond its access log: why it answered 500 or 502. */
    private static final ByteArrayOutputStream GATEWAY_LOG = new ByteArrayOutputStream();
    private static FunctionRunner echo;
    /** The test function with a Timeout of 1 s, for /slow/sleep alone: it times out on any machine, at once. */
    private static FunctionRunner slow;
    private static Server server;
    private static URI base;
    private static RestApiGateway strictGateway;
    private static Server strictServer;
    private static URI strict;

    @BeforeAll
    static void start() throws Exception {
        // a Timeout that a fresh JVM's first calls never reach on a busy machine
        echo = new FunctionRunner(TestFunctions.of("Echo", EchoHandler.class, TestFunctions.TIMEOUT_SECONDS),
                new PrintStream(FUNCTION_LOG, true, StandardCharsets.UTF_8));
        slow = new FunctionRunner(TestFunctions.of("Slow", EchoHandler.class, 1),
                new PrintStream(FUNCTION_LOG, true, StandardCharsets.UTF_8));
        PrintStream console = new PrintStream(GATEWAY_LOG, true, StandardCharsets.UTF_8);
        server = server(new RestApiGateway(API, Map.of("Echo", echo, "Slow", slow), console));
        base = URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
        strictGateway = new RestApiGateway(API, Map.of("Echo", echo), console, STRICT);
        strictServer = server(strictGateway);
        strict = URI.create("http://127.0.0.1:" + ((ServerConnector) strictServer.getConnectors()[0]).getLocalPort());
    }

    private static Server server(RestApiGateway gateway) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Sequence(gateway, gateway.missingRoute()));
        server.setErrorHandler(gateway.errorHandler());
        server.start();
        return server;
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        strictServer.stop();
        echo.close();
        slow.close();
    }

    private static JsonNode echoedEvent(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonTrees.tree(response.body());
    }

    private static String text(JsonNode node, String... path) {
        JsonNode value = field(node, path);
        return value.isNull() ? null : value.asText();
    }

    private static List<String> texts(JsonNode node, String... path) {
        List<String> texts = new ArrayList<>();
        field(node, path).forEach(value -> texts.add(value.asText()));
        return texts;
    }

    private static JsonNode field(JsonNode node, String... path) {
        for (String field : path) {
            node = node.required(field);
        }
        return node;
    }

    @Test
    void aRequest_becomesTheRestProxyEventApiGatewayWouldSend() {
        JsonNode event = echoedEvent(Http.send(HttpRequest.newBuilder(base.resolve("/echo/mickey?a=1&b=2&b=3"))
                .header("X-Twice", "one").header("X-Twice", "two").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"x\":\"é\"}"))));

        assertThat(text(event, "resource")).isEqualTo("/echo/{name}");
        assertThat(text(event, "path")).isEqualTo("/echo/mickey");
        assertThat(text(event, "httpMethod")).isEqualTo("POST");
        assertThat(text(event, "headers", "Content-Type")).isEqualTo("application/json");
        assertThat(text(event, "headers", "X-Twice")).isEqualTo("two");
        assertThat(texts(event, "multiValueHeaders", "X-Twice")).containsExactly("one", "two");
        assertThat(text(event, "queryStringParameters", "b")).isEqualTo("3");
        assertThat(texts(event, "multiValueQueryStringParameters", "b")).containsExactly("2", "3");
        assertThat(text(event, "pathParameters", "name")).isEqualTo("mickey");
        assertThat(text(event, "requestContext", "stage")).isEqualTo("prod");
        assertThat(text(event, "requestContext", "resourcePath")).isEqualTo("/echo/{name}");
        assertThat(text(event, "requestContext", "httpMethod")).isEqualTo("POST");
        assertThat(text(event, "requestContext", "path")).isEqualTo("/prod/echo/mickey");
        assertThat(text(event, "requestContext", "identity", "sourceIp")).isEqualTo("127.0.0.1");
        assertThat(text(event, "requestContext", "requestId")).isNotBlank();
        assertThat(Long.parseLong(text(event, "requestContext", "requestTimeEpoch")))
                .isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));
        assertThat(text(event, "body")).isEqualTo("{\"x\":\"é\"}");
        assertThat(text(event, "isBase64Encoded")).isEqualTo("false");
    }

    @Test
    void aRequestWithoutQueryOrBody_hasNullsWhereApiGatewayPutsThem() {
        JsonNode event = echoedEvent(Http.send(HttpRequest.newBuilder(base.resolve("/echo/x")).GET()));

        // API Gateway sends these fields as null rather than leaving them out
        for (String field : List.of("queryStringParameters", "multiValueQueryStringParameters", "stageVariables", "body")) {
            assertThat(field(event, field).isNull()).as(field).isTrue();
        }
        JsonNode identity = field(event, "requestContext", "identity");
        for (String field : List.of("cognitoIdentityPoolId", "accountId", "cognitoIdentityId", "caller", "principalOrgId",
                "accessKey", "cognitoAuthenticationType", "cognitoAuthenticationProvider", "userArn", "user")) {
            assertThat(field(identity, field).isNull()).as(field).isTrue();
        }
        assertThat(text(event, "isBase64Encoded")).isEqualTo("false");
    }

    @Test
    void aBinaryBody_isSentBase64Encoded() {
        JsonNode event = echoedEvent(Http.send(HttpRequest.newBuilder(base.resolve("/echo/bin"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0xc3, 0x28, 0, (byte) 0xff}))));

        assertThat(text(event, "isBase64Encoded")).isEqualTo("true");
        assertThat(java.util.Base64.getDecoder().decode(text(event, "body")))
                .containsExactly((byte) 0xc3, 0x28, 0, (byte) 0xff);
    }

    @Test
    void theFunctionsAnswer_isMappedBack_withMultiValueHeadersAndBase64Bodies() {
        HttpResponse<byte[]> binary;
        try {
            binary = java.net.http.HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(base.resolve("/echo/binary")).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
        assertThat(binary.statusCode()).isEqualTo(200);
        assertThat(binary.body()).containsExactly(0, 1, (byte) 0xff);
        assertThat(binary.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(binary.headers().allValues("X-Multi")).containsExactly("a", "b");
        assertThat(binary.headers().firstValue("x-amzn-RequestId")).isPresent();
    }

    @Test
    void anAnswerWithoutContentType_getsApiGatewaysDefault_unlessItNamesTheHeaderAsNull() {
        HttpResponse<String> untyped = Http.send(HttpRequest.newBuilder(base.resolve("/echo/untyped")).GET());
        HttpResponse<String> noContent = Http.send(HttpRequest.newBuilder(base.resolve("/echo/no-content")).GET());

        assertThat(untyped.statusCode()).isEqualTo(200);
        assertThat(untyped.headers().allValues("Content-Type")).containsExactly("application/json");
        assertThat(noContent.statusCode()).isEqualTo(204);
        assertThat(noContent.headers().allValues("Content-Type")).isEmpty();
    }

    @Test
    void aFunctionThatThrows_answersGarbage_orTimesOut_gives502() throws InterruptedException {
        for (String path : List.of("/echo/throw", "/echo/garbage", "/slow/sleep")) {
            HttpResponse<String> response = Http.send(HttpRequest.newBuilder(base.resolve(path)).GET());

            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.body()).isEqualTo("{\"message\":\"Internal server error\"}");
            assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        }
        // the runtime client logs the error once it has posted it: the log may come a moment after the answer
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!FUNCTION_LOG.toString(StandardCharsets.UTF_8).contains("at pwausers.local.gateway.EchoHandler.handleRequest")
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(FUNCTION_LOG.toString(StandardCharsets.UTF_8)).as("the error, logged as Lambda's runtime client logs it")
                .contains("the function failed: java.lang.IllegalStateException",
                        "at pwausers.local.gateway.EchoHandler.handleRequest");
        assertThat(GATEWAY_LOG.toString(StandardCharsets.UTF_8)).as("why the gateway answered 502, each time")
                .contains("Lambda execution failed due to customer function error: java.lang.IllegalStateException",
                        "Execution failed due to configuration error: Malformed Lambda proxy response",
                        "Lambda execution failed: the function timed out");
    }

    @Test
    void aBodyWhoseEventIsOverLambdasPayloadLimit_gets500_andTheFunctionDoesNotRun() {
        int limit = FunctionRunner.MAX_PAYLOAD_BYTES;
        for (int size : new int[] {limit - 100, limit + 1}) { // the event is larger than its body: over, both
            byte[] body = new byte[size];
            Arrays.fill(body, (byte) 'a');
            HttpResponse<String> response = Http.send(HttpRequest.newBuilder(base.resolve("/items"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

            assertThat(response.statusCode()).as("API Gateway's answer to Lambda's refusal; the echo would be 200")
                    .isEqualTo(500);
            assertThat(response.body()).isEqualTo("{\"message\":\"Internal server error\"}");
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        }
        assertThat(GATEWAY_LOG.toString(StandardCharsets.UTF_8))
                .contains("Lambda invocation failed with status: 413: Request must be smaller than " + limit + " bytes");
    }

    @Test
    void aPathOrMethodTheTemplateDoesNotRoute_getsApiGatewaysOwn403_withCors() {
        for (HttpRequest.Builder request : List.of(HttpRequest.newBuilder(base.resolve("/nowhere")).GET(),
                HttpRequest.newBuilder(base.resolve("/items")).GET(),
                HttpRequest.newBuilder(base.resolve("/items")).DELETE())) {
            HttpResponse<String> response = Http.send(request);

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
            assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("MissingAuthenticationTokenException");
        }
    }

    @Test
    void corsPreflight_isAnsweredFromTheTemplate() {
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(base.resolve("/items"))
                .header("Origin", "https://app.example.com").header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValue("POST,OPTIONS");
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).hasValue("Content-Type");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(response.headers().firstValue("Access-Control-Max-Age")).hasValue("600");
    }

    @Test
    void aBodyOverApiGatewaysLimit_is413() {
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(base.resolve("/items"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[RestApiGateway.MAX_BODY_BYTES + 1])));

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void aMalformedHttpRequest_gets400InApiGatewaysShape_andTheServerGoesOn() throws IOException {
        RawAnswer answer = RawAnswer.of(base, "THIS IS NOT HTTP\r\n\r\n", Duration.ofSeconds(10));

        assertThat(answer.status()).isEqualTo(400);
        assertThatIsApiGatewaysOwn(answer, "Bad Request");
        assertThat(Http.send(HttpRequest.newBuilder(base.resolve("/echo/after")).GET()).statusCode()).isEqualTo(200);
    }

    @Test
    void aFailureInsideTheGateway_gets500InApiGatewaysShape() {
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(base.resolve("/unwired")).GET());

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("{\"message\":\"Internal server error\"}");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    }

    @Test
    void aUriTooLong_gets414InApiGatewaysShape() throws IOException {
        RawAnswer answer = RawAnswer.of(base, "GET /echo/" + "x".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
                Duration.ofSeconds(10));

        assertThat(answer.status()).isEqualTo(414);
        assertThatIsApiGatewaysOwn(answer, "URI Too Long");
    }

    @Test
    void aClientThatSendsItsWholeBodyBeforeReading_getsTheRefusal_andNoReset() throws Exception {
        byte[] body = new byte[16 * 1024 * 1024]; // more than the sockets' buffers hold: the gateway must read it
        try (RawClient client = RawClient.send(strict, post("/items", "Content-Length: " + body.length + "\r\n", ""))) {
            CompletableFuture<Void> sent = client.sendInBackground(body);

            assertThat(client.answer(Duration.ofSeconds(10)).status()).isEqualTo(413);
            assertThat(sent).as("the rest read and dropped, not reset").succeedsWithin(Duration.ofSeconds(10));
            assertThat(client.endsCleanly(Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    void aBodyDeclaredOverTheLimit_gets413AtOnce_withoutSendingIt() throws IOException {
        RawAnswer answer = RawAnswer.of(strict, post("/items", "Content-Length: 4097\r\n", ""), Duration.ofSeconds(5));

        assertThat(answer.status()).isEqualTo(413);
        assertThatIsApiGatewaysOwn(answer, "Request Too Long");
    }

    @Test
    void aChunkedBodyOverTheLimit_gets413() throws IOException {
        String chunk = Integer.toHexString(3000) + "\r\n" + "a".repeat(3000) + "\r\n";
        RawAnswer answer = RawAnswer.of(strict, post("/items", "Transfer-Encoding: chunked\r\n", chunk + chunk + chunk),
                Duration.ofSeconds(5));

        assertThat(answer.status()).isEqualTo(413);
        assertThatIsApiGatewaysOwn(answer, "Request Too Long");
    }

    @Test
    void aBodyThatStalls_gets408AtItsDeadline_andOthersAreServedMeanwhile() throws Exception {
        // 100 bytes declared: 1 s of grace plus 0.1 s at 1 kB/s; 10 sent, then nothing
        try (RawClient stalled = RawClient.send(strict, post("/items", "Content-Length: 100\r\n", "{\"fname\":")) ) {
            assertThat(Http.send(HttpRequest.newBuilder(strict.resolve("/echo/meanwhile")).GET()).statusCode()).isEqualTo(200);

            RawAnswer answer = stalled.answer(Duration.ofSeconds(10));

            assertThat(answer.status()).isEqualTo(408);
            assertThatIsApiGatewaysOwn(answer, "Request Timeout");
            assertThat(answer.head()).containsIgnoringCase("Connection: close");
        }
    }

    @Test
    void aBodyThatDribblesBelowTheMinimumRate_gets408() throws Exception {
        // 4000 bytes declared: 1 s + 4 s at 1 kB/s; sent at about 20 bytes a second
        try (RawClient dribbler = RawClient.send(strict, post("/items", "Content-Length: 4000\r\n", ""))) {
            RawAnswer answer = dribbler.dribble(20, Duration.ofMillis(50), Duration.ofSeconds(15));

            assertThat(answer.status()).isEqualTo(408);
        }
    }

    @Test
    void bodiesOverTheMemoryBudget_get429_andTheBudgetComesBackWhenTheyAreDone() throws Exception {
        // the first holds 4000 of the 6000 bytes while it arrives; a second of 4000 cannot be held meanwhile
        try (RawClient first = RawClient.send(strict, post("/items", "Content-Length: 4000\r\n", "x".repeat(100)))) {
            for (int i = 0; i < 500 && strictGateway.bodyBytesInFlight() < 4000; i++) {
                Thread.sleep(10); // until the gateway reads the first
            }
            RawAnswer second = RawAnswer.of(strict, post("/items", "Content-Length: 4000\r\n", ""), Duration.ofSeconds(5));
            assertThat(second.status()).isEqualTo(429);
            assertThatIsApiGatewaysOwn(second, "Too Many Requests");

            first.write("x".repeat(3900));
            assertThat(first.answer(Duration.ofSeconds(10)).status()).isEqualTo(200);
        }
        assertNoBodyInFlight();
        HttpResponse<String> third = Http.send(HttpRequest.newBuilder(strict.resolve("/items"))
                .POST(HttpRequest.BodyPublishers.ofString("y".repeat(4000))));
        assertThat(third.statusCode()).isEqualTo(200);
        assertNoBodyInFlight();
    }

    @Test
    void aMethodBeyondItsThrottle_getsApiGatewaysOwn429_beforeItsBodyIsTaken_andOtherMethodsGoOn() throws Exception {
        Server throttled = server(new RestApiGateway(TWICE, Map.of("Echo", echo),
                new PrintStream(GATEWAY_LOG, true, StandardCharsets.UTF_8)));
        try {
            URI twice = URI.create("http://127.0.0.1:" + ((ServerConnector) throttled.getConnectors()[0]).getLocalPort());
            for (int i = 0; i < 2; i++) {
                assertThat(Http.send(HttpRequest.newBuilder(twice.resolve("/items"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))).statusCode()).isEqualTo(200);
            }

            HttpResponse<String> third = Http.send(HttpRequest.newBuilder(twice.resolve("/items"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")));
            assertThat(third.statusCode()).isEqualTo(429);
            assertThat(third.body()).isEqualTo("{\"message\":\"Too Many Requests\"}");
            assertThat(third.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
            assertThat(third.headers().firstValue("x-amzn-RequestId")).isPresent();
            assertThat(third.headers().firstValue("Connection")).as("the connection is kept").isEmpty();

            // each method has a bucket of its own: GET on another path, and the preflight of /items
            assertThat(Http.send(HttpRequest.newBuilder(twice.resolve("/echo/x")).GET()).statusCode()).isEqualTo(200);
            assertThat(Http.send(HttpRequest.newBuilder(twice.resolve("/items"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(200);
        } finally {
            throttled.stop();
        }
    }

    /** The budget is given back before an answer is written, so a client that has its answer finds it free. */
    private static void assertNoBodyInFlight() {
        assertThat(strictGateway.bodyBytesInFlight()).isZero();
    }

    private static String post(String path, String headers, String body) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" + headers + "\r\n" + body;
    }

    private static void assertThatIsApiGatewaysOwn(RawAnswer answer, String message) {
        assertThat(answer.body()).isEqualTo("{\"message\":\"" + message + "\"}");
        assertThat(answer.head()).containsIgnoringCase("x-amzn-RequestId: ")
                .containsIgnoringCase("Content-Type: application/json")
                .contains("Access-Control-Allow-Origin: *");
    }
}
