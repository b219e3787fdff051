package pwausers.bench.child;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import pwausers.function.AddPwaUserHandler;
import pwausers.function.contract.HeaderNames;
import pwausers.function.contract.PwaUsersTable;
import pwausers.function.contract.Routes;

/**
 * Runs the deployment jar (the shaded, slimmed add-pwa-user.jar, alone on the class path with this class) through
 * its paths, to prove that nothing it needs was left out of it: every event in events/, an entry stored, read back and
 * deleted, a missing table, DynamoDB's error answers replayed by a loopback server, a chunked answer, an engine that
 * is gone (SnapStart's hooks: the bench's restore child, {@link LambdaLauncher}'s {@code restore}).
 * Writes each case's answer to {@code RESULT_DIR/NAME.json} and the DynamoDB attempts of the replayed cases to
 * {@code RESULT_DIR/attempts.properties}; ShadedJarIT checks them.
 *
 * <p>Modes: {@code one RESULT_DIR NAME} (one invocation, recorded as NAME: for a case that only the environment sets
 * up, such as a missing table) and {@code smoke RESULT_DIR EVENTS_DIR}.
 */
public final class ShadedJarSmoke {
    private ShadedJarSmoke() {
    }

    /** The AWS SDK's system property for DynamoDB's endpoint (its name for AWS_ENDPOINT_URL_DYNAMODB). */
    private static final String ENDPOINT_PROPERTY = "aws.endpointUrlDynamoDb";

    private static Path results;
    private static final Properties ATTEMPTS = new Properties();

    public static void main(String[] args) throws Exception {
        results = Path.of(args[1]);
        RequestStreamHandler lambda = LambdaLauncher.newHandler(AddPwaUserHandler.class.getName());
        if (args[0].equals("one")) {
            record(args[2], invoke(lambda, workshopEvent()));
            System.exit(0);
        }
        try (Stream<Path> files = Files.list(Path.of(args[2]))) {
            for (Path event : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                record("event:" + event.getFileName(), invoke(lambda, Files.readAllBytes(event)));
            }
        }
        byte[] keyed = ("{\"httpMethod\":\"POST\",\"path\":\"" + Routes.RESOURCE_PATH + "\",\"headers\":{\""
                + HeaderNames.IDEMPOTENCY_KEY + "\":\"smoke-"
                + System.nanoTime() + "\"},\"body\":\"{\\\"fname\\\":\\\"Mickey\\\",\\\"lname\\\":\\\"Mouse\\\"}\"}")
                .getBytes(StandardCharsets.UTF_8);
        record("idempotency-key-first", invoke(lambda, keyed));
        record("idempotency-key-retry", invoke(lambda, keyed));
        // an entry read back and deleted at its Location (GetItem, DeleteItem)
        String entry = location(invoke(lambda, workshopEvent()));
        record("entry-read", invoke(lambda, request("GET", entry)));
        record("entry-deleted", invoke(lambda, request("DELETE", entry)));
        record("entry-gone", invoke(lambda, request("GET", entry)));
        replay("throttled", 400, "ProvisionedThroughputExceededException", false);
        replay("throttling", 400, "ThrottlingException\",\"ThrottlingReasons\":[{\"reason\":\"TableWriteProvisionedThroughputExceeded\",\"resource\":\"x\"}],\"x\":\"", false);
        replay("server-error", 500, "InternalServerError", false);
        replay("not-found", 400, "ResourceNotFoundException", false);
        replay("id-taken", 400, "ConditionalCheckFailedException\",\"Item\":{\"" + PwaUsersTable.ID
                + "\":{\"S\":\"other\"}},\"x\":\"", false);
        replay("chunked-ok", 200, null, true);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        record("engine-gone", invoke(handlerOn(URI.create("http://127.0.0.1:" + closedPort)), workshopEvent()));
        try (OutputStream out = Files.newOutputStream(results.resolve("attempts.properties"))) {
            ATTEMPTS.store(out, null);
        }
        System.exit(0);
    }

    /** A loopback DynamoDB that answers every call with this status and error type (or {} when type is null). */
    private static void replay(String name, int status, String errorType, boolean chunked)
            throws IOException, ReflectiveOperationException {
        AtomicInteger calls = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String body = errorType == null ? "{}"
                : "{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + errorType + "\",\"message\":\"replayed\"}";
        server.createContext("/", exchange -> {
            calls.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(status, chunked ? 0 : bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        try {
            record(name, invoke(handlerOn(URI.create("http://127.0.0.1:" + server.getAddress().getPort())), workshopEvent()));
            ATTEMPTS.setProperty(name, Integer.toString(calls.get()));
        } finally {
            server.stop(0);
        }
    }

    /**
     * The handler as Lambda makes it (its no-argument constructor), its DynamoDB client pointed at this endpoint by the
     * AWS SDK's system property, which comes before the environment's {@code AWS_ENDPOINT_URL_DYNAMODB}.
     */
    private static RequestStreamHandler handlerOn(URI endpoint) throws ReflectiveOperationException {
        System.setProperty(ENDPOINT_PROPERTY, endpoint.toString());
        try {
            return LambdaLauncher.newHandler(AddPwaUserHandler.class.getName());
        } finally {
            System.clearProperty(ENDPOINT_PROPERTY);
        }
    }

    private static byte[] invoke(RequestStreamHandler handler, byte[] event) throws IOException {
        return LambdaLauncher.invoke(handler, event, "smoke");
    }

    /** The case's answer, as the handler wrote it, in RESULT_DIR/NAME.json. */
    private static void record(String name, byte[] answer) throws IOException {
        Files.write(results.resolve(name.replace(':', '_') + ".json"), answer);
    }

    /** A REST proxy event with no body. */
    private static byte[] request(String method, String path) {
        return ("{\"httpMethod\":\"" + method + "\",\"path\":\"" + path + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** The Location header of a handler's 201, read without a JSON library: {@code /pwausers/} and the id. */
    private static String location(byte[] answer) {
        String text = new String(answer, StandardCharsets.UTF_8);
        String header = "\"" + HeaderNames.LOCATION + "\":\"";
        int at = text.indexOf(header);
        if (at < 0) {
            throw new IllegalStateException("no " + HeaderNames.LOCATION + " in "
                    + text.substring(0, Math.min(text.length(), 200)));
        }
        return text.substring(at + header.length(), text.indexOf('"', at + header.length()));
    }

    private static byte[] workshopEvent() {
        return ("{\"httpMethod\":\"POST\",\"path\":\"" + Routes.RESOURCE_PATH
                + "\",\"body\":\"{\\\"fname\\\":\\\"Mickey\\\","
                + "\\\"lname\\\":\\\"Mouse\\\"}\"}").getBytes(StandardCharsets.UTF_8);
    }
}
