package pwausers.function.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A loopback HTTP endpoint that answers every request with one status and body in DynamoDB's wire format, and keeps
 * what it received: for what dynalite never answers (throttling, server errors), and for what a client sends.
 */
public final class ReplayedDynamoDb implements AutoCloseable {
    /** One request as received: its headers (names lower case, first value) and its body. */
    public record Received(Map<String, String> headers, String body) {
    }

    private final HttpServer server;
    private DynamoDbClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private ReplayedDynamoDb(int status, String body) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            Map<String, String> headers = new java.util.TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT),
                    values.get(0)));
            received.add(new Received(headers,
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    /** Starts an endpoint that answers every request with this status and body. */
    public static ReplayedDynamoDb answering(int status, String body) {
        return new ReplayedDynamoDb(status, body);
    }

    /** An error answer as DynamoDB sends it: {@code __type} and {@code message}, and more fields if given. */
    public static ReplayedDynamoDb failing(int status, String errorType, String moreFields) {
        return answering(status, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + errorType
                + "\",\"message\":\"replayed " + errorType + "\"" + (moreFields.isEmpty() ? "" : "," + moreFields) + "}");
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every request received so far, in order. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /**
     * Every request received, once there are at least this many (a bounded poll: on a busy machine this server may
     * read a request after the client has given up on it).
     */
    public List<Received> awaitReceived(int count) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (received.size() < count && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return received();
    }

    /** The function's client on this endpoint. */
    public synchronized DynamoDbClient client() {
        if (client == null) {
            client = LambdaClients.at(endpoint());
        }
        return client;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
        }
        server.stop(0);
    }
}
