package pwausers.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pwausers.local.gateway.EchoHandler;
import pwausers.local.testing.Http;
import pwausers.local.testing.TestFunctions;
import pwausers.local.testing.RawAnswer;
import pwausers.local.testing.RawClient;

/** The local Lambda Invoke API: what the aws CLI and the SDKs get, and what web pages do not. */
class LambdaInvokeApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVENT = "{\"httpMethod\":\"POST\",\"path\":\"/echo/x\",\"body\":\"{}\"}";
    private static Server server;
    private static URI base;
    private static FunctionRunner echo;
    /** Never invoked successfully: its environments are never started. */
    private static FunctionRunner untouched;

    @BeforeAll
    static void start() throws Exception {
        echo = new FunctionRunner(TestFunctions.of("Echo", EchoHandler.class, TestFunctions.TIMEOUT_SECONDS), new PrintStream(OutputStream.nullOutputStream()));
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        untouched = new FunctionRunner(TestFunctions.of("Untouched", EchoHandler.class, TestFunctions.TIMEOUT_SECONDS),
                new PrintStream(OutputStream.nullOutputStream()));
        server.setHandler(new LambdaInvokeApi(Map.of("Echo", echo, "Untouched", untouched)));
        server.setErrorHandler(LambdaInvokeApi.errorHandler());
        server.start();
        base = URI.create("http://localhost:" + connector.getLocalPort());
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        echo.close();
        untouched.close();
    }

    private static HttpRequest.Builder invoke(String function) {
        return HttpRequest.newBuilder(base.resolve("/2015-03-31/functions/" + function + "/invocations"))
                .POST(HttpRequest.BodyPublishers.ofString(EVENT));
    }

    @Test
    void anSdkCall_runsTheFunction() throws Exception {
        HttpResponse<String> response = Http.send(invoke("Echo"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("statusCode").asInt()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Amz-Executed-Version")).hasValue("$LATEST");
    }

    @Test
    void aPayloadThatIsNotJson_gets400_andTheFunctionDoesNotRun() throws Exception {
        for (String payload : new String[] {"not json", "{\"a\":1} {\"b\":2}", "{\"unclosed\": "}) {
            HttpResponse<String> response = Http.send(HttpRequest.newBuilder(
                    base.resolve("/2015-03-31/functions/Untouched/invocations")).POST(HttpRequest.BodyPublishers.ofString(payload)));

            assertThat(response.statusCode()).as(payload).isEqualTo(400);
            assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidRequestContentException");
            assertThat(JSON.readTree(response.body()).get("message").asText())
                    .startsWith("Could not parse request body into json: Could not parse payload into json: ");
        }
        assertThat(untouched.pids()).as("no environment was started for it").isEmpty();
    }

    @Test
    void aFunctionOfAnotherAccount_isRefused_asLambdaRefusesACallerThatNoPolicyAllows() throws Exception {
        HttpResponse<String> other = Http.send(invoke("arn:aws:lambda:us-east-1:111122223333:function:Untouched"));

        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.headers().firstValue("x-amzn-ErrorType")).hasValue("AccessDeniedException");
        assertThat(JSON.readTree(other.body()).get("message").asText()).isEqualTo("User: arn:aws:iam::000000000000:root"
                + " is not authorized to perform: lambda:InvokeFunction on resource:"
                + " arn:aws:lambda:us-east-1:111122223333:function:Untouched because no resource-based policy allows"
                + " the lambda:InvokeFunction action");
        assertThat(Http.send(invoke("111122223333:function:Untouched")).statusCode()).as("a partial ARN").isEqualTo(403);
        assertThat(untouched.pids()).isEmpty();
        assertThat(Http.send(invoke("arn:aws:lambda:us-east-1:000000000000:function:Echo:live")).statusCode())
                .as("this account's").isEqualTo(200);
    }

    @Test
    void errors_areJson_whateverTheNameHolds() throws Exception {
        HttpResponse<String> response = Http.send(invoke("No%22Such%22Function"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("ResourceNotFoundException");
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.get("Type").asText()).isEqualTo("User");
        assertThat(error.get("message").asText()).endsWith(":function:No\"Such\"Function");
    }

    @Test
    void jettysOwnErrors_areJsonAsLambdasAre_andTheServerGoesOn() throws Exception {
        RawAnswer malformed = RawAnswer.of(base, "THIS IS NOT HTTP\r\n\r\n", Duration.ofSeconds(10));

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.head()).containsIgnoringCase("x-amzn-RequestId: ")
                .containsIgnoringCase("x-amzn-ErrorType: InvalidRequestContentException")
                .containsIgnoringCase("Content-Type: application/json");
        JsonNode error = JSON.readTree(malformed.body());
        assertThat(error.get("Type").asText()).isEqualTo("User");
        assertThat(error.get("message").asText()).isEqualTo("Bad Request");
        assertThat(Http.send(invoke("Echo")).statusCode()).isEqualTo(200);
    }

    @Test
    void aWebPagesCall_fromAnyOrigin_isRefused_withoutCorsHeaders() {
        for (String origin : new String[] {"https://evil.example", "http://localhost:3000", "null"}) {
            HttpResponse<String> response = Http.send(invoke("Echo").header("Origin", origin));

            assertThat(response.statusCode()).as(origin).isEqualTo(403);
            assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("AccessDeniedException");
            assertThat(response.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
            assertThat(response.body()).doesNotContain("statusCode");
        }
    }

    @Test
    void aCorsPreflight_isRefused() {
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(
                        base.resolve("/2015-03-31/functions/Echo/invocations"))
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).isEmpty();
    }

    @Test
    void aBrowsersFetchMetadata_isRefused_evenWithoutOrigin() {
        assertThat(Http.send(invoke("Echo").header("Sec-Fetch-Site", "cross-site")).statusCode()).isEqualTo(403);
        assertThat(Http.send(invoke("Echo").header("Sec-Fetch-Site", "none")).statusCode()).isEqualTo(200);
    }

    @Test
    void aPayloadOverLambdasLimit_sentWholeBeforeReading_gets413_notAReset() throws Exception {
        byte[] payload = new byte[16 * 1024 * 1024]; // more than the sockets' buffers hold: the server must read it

        RawAnswer answer = sentWholeBeforeReading("Echo", "Content-Length: " + payload.length + "\r\n", payload);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.head()).containsIgnoringCase("x-amzn-ErrorType: RequestTooLargeException");
        assertThat(JSON.readTree(answer.body()).get("message").asText())
                .isEqualTo("Request must be smaller than 6291456 bytes for the InvokeFunction operation");
    }

    @Test
    void aChunkedPayloadOverLambdasLimit_gets413_notAReset() throws Exception {
        String chunk = Integer.toHexString(1024 * 1024) + "\r\n" + "a".repeat(1024 * 1024) + "\r\n";
        byte[] chunked = (chunk.repeat(12) + "0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

        RawAnswer answer = sentWholeBeforeReading("Echo", "Transfer-Encoding: chunked\r\n", chunked);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.head()).containsIgnoringCase("x-amzn-ErrorType: RequestTooLargeException");
    }

    @Test
    void anUnknownFunction_withALargePayload_gets404_notAReset() throws Exception {
        byte[] payload = new byte[4 * 1024 * 1024];

        RawAnswer answer = sentWholeBeforeReading("NoSuchFunction", "Content-Length: " + payload.length + "\r\n", payload);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.head()).containsIgnoringCase("x-amzn-ErrorType: ResourceNotFoundException");
    }

    /**
     * Sends the whole body before reading, as the aws CLI and the JDK's client do, and returns the answer, once the
     * whole body was taken (read and dropped): a connection closed with the body unread is reset, and the reset
     * fails the sending and loses the answer at such a client.
     */
    private static RawAnswer sentWholeBeforeReading(String function, String headers, byte[] body) throws Exception {
        try (RawClient client = RawClient.send(base, "POST /2015-03-31/functions/" + function + "/invocations HTTP/1.1\r\n"
                + "Host: localhost\r\n" + headers + "\r\n")) {
            CompletableFuture<Void> sent = client.sendInBackground(body);

            RawAnswer answer = client.answer(Duration.ofSeconds(10));

            assertThat(sent).as("the body read and dropped, not reset").succeedsWithin(Duration.ofSeconds(10));
            return answer;
        }
    }

    /** A page whose own host name was made to resolve to 127.0.0.1 (DNS rebinding) sends its own name as Host. */
    @Test
    void aHostOtherThanLoopback_isRefused() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", base.getPort())) {
            byte[] body = EVENT.getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /2015-03-31/functions/Echo/invocations HTTP/1.1\r\nHost: rebind.evil.example:" + base.getPort()
                    + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 403").doesNotContain("statusCode");
        }
        assertThat(Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + base.getPort()
                + "/2015-03-31/functions/Echo/invocations")).POST(HttpRequest.BodyPublishers.ofString(EVENT)))
                .statusCode()).isEqualTo(200);
    }
}
