package pwausers.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pwausers.local.lambda.FunctionRunner;
import pwausers.local.template.LocalApi;
import pwausers.local.template.LocalFunction;
import pwausers.local.testing.Http;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/** The gateway's fidelity to API Gateway, with a test function that echoes the event it gets. */
class RestApiGatewayTest {
    private static Server server;
    private static URI base;

    @BeforeAll
    static void start() throws Exception {
        LocalApi api = new LocalApi("prod",
                List.of(new LocalApi.Route("ANY", "/echo/{name}", "Echo"), new LocalApi.Route("POST", "/items", "Echo")),
                new LocalApi.Cors("POST,OPTIONS", "Content-Type", "*", "600", null),
                Map.of("DEFAULT_4XX", Map.of("Access-Control-Allow-Origin", "*")));
        FunctionRunner echo = new FunctionRunner(new LocalFunction("Echo", EchoHandler.class.getName() + "::handleRequest",
                128, 3, Map.of()), new PrintStream(OutputStream.nullOutputStream()));
        RestApiGateway gateway = new RestApiGateway(api, Map.of("Echo", echo));
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Sequence(gateway, gateway.missingRoute()));
        server.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    private static JsonNode echoedEvent(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonNode.parser().parse(response.body());
    }

    private static String text(JsonNode node, String... path) {
        for (String field : path) {
            node = node.field(field).orElseThrow(() -> new AssertionError("no field " + field));
        }
        return node.isNull() ? null : node.isNumber() ? node.asNumber() : node.isBoolean() ? String.valueOf(node.asBoolean()) : node.asString();
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
        assertThat(event.field("multiValueHeaders").orElseThrow().field("X-Twice").orElseThrow().asArray())
                .extracting(JsonNode::asString).containsExactly("one", "two");
        assertThat(text(event, "queryStringParameters", "b")).isEqualTo("3");
        assertThat(event.field("multiValueQueryStringParameters").orElseThrow().field("b").orElseThrow().asArray())
                .extracting(JsonNode::asString).containsExactly("2", "3");
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

        assertThat(event.field("queryStringParameters").map(JsonNode::isNull).orElse(true)).isTrue();
        assertThat(event.field("body").map(JsonNode::isNull).orElse(true)).isTrue();
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
    void aFunctionThatThrows_answersGarbage_orTimesOut_gives502() {
        for (String path : List.of("/echo/throw", "/echo/garbage", "/echo/sleep")) {
            HttpResponse<String> response = Http.send(HttpRequest.newBuilder(base.resolve(path)).GET());

            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.body()).isEqualTo("{\"message\":\"Internal server error\"}");
            assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        }
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
    void aMalformedHttpRequest_gets400_andTheServerGoesOn() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", base.getPort())) {
            socket.getOutputStream().write("THIS IS NOT HTTP\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            assertThat(answer.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 400");
        }
        assertThat(Http.send(HttpRequest.newBuilder(base.resolve("/echo/after")).GET()).statusCode()).isEqualTo(200);
    }
}
