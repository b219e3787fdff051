package pwausers.bench.child;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import pwausers.function.AddPwaUserHandler;
import pwausers.function.Configuration;
import pwausers.function.store.DynamoDbClients;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Runs the deployment jar (the shaded, slimmed add-pwa-user.jar, alone on the class path with this class) through
 * its paths, to prove that nothing it needs was left out of it: every event in events/, a missing table, DynamoDB's
 * error answers replayed by a loopback server, a chunked answer, an engine that is gone, and SnapStart's hooks.
 * Prints one line per case, {@code case NAME status=S [attempts=N]}; ShadedJarIT checks them.
 *
 * <p>Modes: {@code prime} (the Lambda path with AWS_LAMBDA_INITIALIZATION_TYPE=snap-start: run the CRaC hooks, then
 * one invocation) and {@code smoke EVENTS_DIR}.
 */
public final class ShadedJarSmoke {
    private ShadedJarSmoke() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("prime")) {
            RequestStreamHandler handler = ChildSupport.newHandler(AddPwaUserHandler.class.getName());
            // What Lambda's runtime does around a snapshot: the registered resource's hooks (without a CRaC JVM,
            // org.crac cannot be asked to run them, so they are called on the resource the handler holds)
            java.lang.reflect.Field field = AddPwaUserHandler.class.getDeclaredField("priming");
            field.setAccessible(true);
            org.crac.Resource priming = (org.crac.Resource) field.get(handler);
            if (priming == null) {
                throw new IllegalStateException("AWS_LAMBDA_INITIALIZATION_TYPE=snap-start registered no hooks");
            }
            priming.beforeCheckpoint(null);
            priming.afterRestore(null);
            System.out.println("case primed-then-invoked status=" + invoke(handler, workshopEvent()));
            System.exit(0);
        }
        RequestStreamHandler lambda = ChildSupport.newHandler(AddPwaUserHandler.class.getName());
        try (Stream<Path> files = Files.list(Path.of(args[1]))) {
            for (Path event : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                System.out.println("case event:" + event.getFileName() + " status=" + invoke(lambda, Files.readAllBytes(event)));
            }
        }
        byte[] keyed = ("{\"httpMethod\":\"POST\",\"path\":\"/pwausers\",\"headers\":{\"Idempotency-Key\":\"smoke-"
                + System.nanoTime() + "\"},\"body\":\"{\\\"fname\\\":\\\"Mickey\\\",\\\"lname\\\":\\\"Mouse\\\"}\"}")
                .getBytes(StandardCharsets.UTF_8);
        System.out.println("case idempotency-key-first status=" + invoke(lambda, keyed));
        System.out.println("case idempotency-key-retry status=" + invoke(lambda, keyed));
        System.out.println("case missing-table status="
                + invoke(new AddPwaUserHandler(Map.of("TABLE_NAME", "NoSuchTable")), workshopEvent()));
        replay("throttled", 400, "ProvisionedThroughputExceededException", false);
        replay("throttling", 400, "ThrottlingException\",\"ThrottlingReasons\":[{\"reason\":\"TableWriteProvisionedThroughputExceeded\",\"resource\":\"x\"}],\"x\":\"", false);
        replay("server-error", 500, "InternalServerError", false);
        replay("not-found", 400, "ResourceNotFoundException", false);
        replay("id-taken", 400, "ConditionalCheckFailedException\",\"Item\":{\"PwaUserID\":{\"S\":\"other\"}},\"x\":\"", false);
        replay("chunked-ok", 200, null, true);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        System.out.println("case engine-gone status=" + invoke(handlerOn(URI.create("http://127.0.0.1:" + closedPort)),
                workshopEvent()));
        System.exit(0);
    }

    /** A loopback DynamoDB that answers every call with this status and error type (or {} when type is null). */
    private static void replay(String name, int status, String errorType, boolean chunked) throws IOException {
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
            int answer = invoke(handlerOn(URI.create("http://127.0.0.1:" + server.getAddress().getPort())), workshopEvent());
            System.out.println("case " + name + " status=" + answer + " attempts=" + calls.get());
        } finally {
            server.stop(0);
        }
    }

    private static AddPwaUserHandler handlerOn(URI endpoint) {
        return new AddPwaUserHandler(new Configuration("PwaUsers", "*"), DynamoDbClients.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build());
    }

    private static int invoke(RequestStreamHandler handler, byte[] event) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), answer, new BenchContext("smoke", null));
        return ChildSupport.statusCode(answer.toByteArray());
    }

    private static byte[] workshopEvent() {
        return ("{\"httpMethod\":\"POST\",\"path\":\"/pwausers\",\"body\":\"{\\\"fname\\\":\\\"Mickey\\\","
                + "\\\"lname\\\":\\\"Mouse\\\"}\"}").getBytes(StandardCharsets.UTF_8);
    }
}
