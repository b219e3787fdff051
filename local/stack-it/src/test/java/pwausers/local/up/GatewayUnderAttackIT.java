package pwausers.local.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pwausers.local.engine.ProjectFiles;
import pwausers.local.template.LocalApi;
import pwausers.local.testing.Http;
import pwausers.local.testing.RawAnswer;
import pwausers.local.testing.RawClient;
import pwausers.local.testing.UpProcess;

/**
 * The local gateway under the attacks that starved and exhausted it: connections that send their headers and then
 * dribble (or stall) their body, and many large bodies at once on a small heap. Each test is bounded in time and
 * size, and failed before the gateway read bodies without holding a thread and within a budget of memory.
 */
class GatewayUnderAttackIT {
    private static final String WORKSHOP_BODY = "{\"fname\":\"Mickey\",\"lname\":\"Mouse\"}";
    /** The stalled bodies' grace: ample for sixteen POSTs to warm environments, even on a busy machine. */
    private static final Duration STALL_GRACE = Duration.ofSeconds(3);

    @TempDir
    Path tmp;

    @Test
    void moreStalledBodiesThanTheServerHasThreads_leaveNormalRequestsAnswered_andGet408AtTheirDeadline() throws Exception {
        PrintStream console = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        // the stage's throttle out of reach: each stalled body took a token, and the POSTs must still be served; a
        // shorter grace for a body than the gateway's (RestApiGateway.BODY_GRACE), for the test not to wait it out;
        // one environment, started with the stack: what is tested is the gateway's threads, not the function's
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(0, 0, 0, null, null,
                LocalApi.THROTTLE_OUT_OF_REACH, console).withBodyGrace(STALL_GRACE).withEnvironments(1))) {
            URI api = stack.apiUrl();
            // the POSTs once before the stalls: the function's first requests (its JIT's warm-up) outside their grace
            postConcurrently(api);
            List<RawClient> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < 220; i++) { // the API server has 200 threads
                    stalled.add(RawClient.send(api, "POST /pwausers HTTP/1.1\r\nHost: localhost\r\n"
                            + "Content-Type: application/json\r\nContent-Length: " + WORKSHOP_BODY.length() + "\r\n\r\n{"));
                }
                postConcurrently(api);
                for (RawClient client : stalled) { // STALL_GRACE after its headers (a one-byte body is allowed no more)
                    RawAnswer answer = client.answer(Duration.ofSeconds(60));
                    assertThat(answer.status()).isEqualTo(408);
                    assertThat(answer.body()).isEqualTo("{\"message\":\"Request Timeout\"}");
                }
            } finally {
                for (RawClient client : stalled) {
                    client.close();
                }
            }
        }
    }

    /** Sixteen workshop POSTs, eight at a time; each must get 201. */
    private static void postConcurrently(URI api) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Callable<HttpResponse<String>>> posts = java.util.Collections.nCopies(16, () -> Http.send(
                    HttpRequest.newBuilder(api.resolve("/pwausers")).timeout(Duration.ofSeconds(15))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(WORKSHOP_BODY))));
            for (Future<HttpResponse<String>> answer : clients.invokeAll(posts, 60, TimeUnit.SECONDS)) {
                assertThat(answer.get().statusCode()).isEqualTo(201);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void manyTenMegabyteBodiesAtOnce_onASmallHeap_eachGetAnAnswer_andTheGatewayGoesOn() throws Exception {
        UpProcess.Ports ports = UpProcess.Ports.free();
        // the stage's throttle out of reach: a 429 here is the gateway's memory budget's
        try (UpProcess up = UpProcess.start(tmp.resolve("state"), tmp.resolve("data"), ports,
                Map.of("JAVA_TOOL_OPTIONS", "-Xmx200m"), UpProcess.throttleOutOfReach()).awaitBanner()) {
            byte[] body = largeBody();
            ExecutorService clients = Executors.newFixedThreadPool(30);
            List<Integer> statuses = new ArrayList<>();
            try {
                List<Callable<Integer>> posts = java.util.Collections.nCopies(30, () -> post(ports.api("/pwausers"), body));
                for (Future<Integer> status : clients.invokeAll(posts, 120, TimeUnit.SECONDS)) {
                    statuses.add(status.get());
                }
            } finally {
                clients.shutdownNow();
            }

            assertThat(statuses).as(up.output()).allSatisfy(status -> assertThat(status).isIn(500, 429))
                    .as("a body the budget took, answered as API Gateway answers Lambda's refusal").contains(500);
            assertThat(up.output()).contains("Lambda invocation failed with status: 413");
            assertThat(Http.postJson(ports.api("/pwausers"), WORKSHOP_BODY).statusCode()).isEqualTo(201);
            assertThat(up.output()).doesNotContain("OutOfMemoryError");
        }
    }

    /**
     * A form of exactly API Gateway's 10 MB: API Gateway takes it, Lambda refuses its event (over 6 MB) before the
     * function runs, and API Gateway answers 500.
     */
    private static byte[] largeBody() {
        byte[] head = "{\"fname\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\",\"lname\":\"Mouse\"}".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[10 * 1024 * 1024];
        Arrays.fill(body, (byte) 'a');
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(tail, 0, body, body.length - tail.length, tail.length);
        return body;
    }

    /** POSTs the body while reading the answer (which may come before the body is all sent); its status, or -1. */
    private static int post(URI uri, byte[] body) throws Exception {
        String head = "POST " + uri.getPath() + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        try (RawClient client = RawClient.send(uri, head)) {
            client.sendInBackground(body); // a failure to send all of it is fine: the answer is what counts
            return client.answer(Duration.ofSeconds(60)).status();
        } catch (IOException e) {
            return -1;
        }
    }
}
