package pwausers.bench.rig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import pwausers.bench.http.Answers;

/**
 * A DynamoDB endpoint in front of the rig's engine that asks, on the function's behalf, for the capacity each item
 * operation consumes ({@code "ReturnConsumedCapacity": "TOTAL"}, which dynalite answers as DynamoDB does: a write the
 * larger of the old and new item's size in 1 KB units, a read its size in 4 KB units, halved unless strongly
 * consistent) and records it with the time of the call, on this JVM's monotonic clock. A write whose condition fails
 * comes back as an error without a figure; DynamoDB still charges it, by the size of the item it met, at least one
 * unit (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html), which the
 * recorded call computes from the item the failure carries.
 *
 * <p>The engine takes no notice of the signature, so that changing the body does not make the request invalid.
 */
public final class CapacityProxy implements AutoCloseable {
    /** The operations whose request takes ReturnConsumedCapacity and that the function calls. */
    private static final Set<String> ITEM_OPERATIONS = Set.of("PutItem", "UpdateItem", "DeleteItem", "GetItem");
    /** Headers the JDK's client sets itself, or that belong to one hop. */
    private static final Set<String> HOP_HEADERS = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding", "keep-alive");

    /**
     * One item operation, as DynamoDB would bill it.
     *
     * @param atNanos        {@link System#nanoTime()} when its answer came back
     * @param operation      PutItem, UpdateItem, DeleteItem or GetItem
     * @param table          the table's name
     * @param writeUnits     write request units (0 for a read)
     * @param readUnits      read request units (0 for a write)
     * @param conditionFailed whether it was a write whose condition failed (then its units are computed, not reported)
     */
    public record Call(long atNanos, String operation, String table, double writeUnits, double readUnits,
                       boolean conditionFailed) {
    }

    private final URI engine;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Call> calls = new ArrayList<>();

    private CapacityProxy(URI engine) throws IOException {
        this.engine = engine;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::forward);
        server.setExecutor(threads);
        server.start();
    }

    /** Starts one on a free loopback port, in front of the engine at {@code engine}. */
    public static CapacityProxy start(URI engine) {
        try {
            return new CapacityProxy(engine);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot start the capacity proxy", e);
        }
    }

    /** Where a client reaches the engine through it. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every item operation so far, in the order their answers came back. */
    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
            ObjectNode request = null;
            if (ITEM_OPERATIONS.contains(operation)) {
                request = (ObjectNode) Answers.JSON.readTree(body);
                request.put("ReturnConsumedCapacity", "TOTAL");
                body = Answers.JSON.writeValueAsBytes(request);
            }
            HttpRequest.Builder out = HttpRequest.newBuilder(engine.resolve(exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(v -> out.header(name, v));
                }
            });
            HttpResponse<byte[]> answer = client.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (request != null) {
                record(operation, request, answer.statusCode(), answer.body());
            }
            answer.headers().map().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream sent = exchange.getResponseBody()) {
                sent.write(answer.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void record(String operation, ObjectNode request, int status, byte[] body) throws IOException {
        long at = System.nanoTime();
        JsonNode answer = Answers.JSON.readTree(body);
        String table = request.path("TableName").asText();
        boolean read = operation.equals("GetItem");
        Call call;
        if (status == 200) {
            double units = answer.path("ConsumedCapacity").path("CapacityUnits").asDouble(Double.NaN);
            call = new Call(at, operation, table, read ? 0 : units, read ? units : 0, false);
        } else if (answer.path("__type").asText().endsWith("ConditionalCheckFailedException")) {
            call = new Call(at, operation, table, writeUnits(answer.path("Item")), 0, true);
        } else {
            return; // refused for another reason (throttled, invalid): nothing billed
        }
        synchronized (this) {
            calls.add(call);
        }
    }

    /** The write units of a write that met this item: its size in 1 KB units, at least one. */
    static double writeUnits(JsonNode item) {
        return Math.max(1, Math.ceil(ItemSize.of(item) / 1024.0));
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    /**
     * An item's size as DynamoDB counts it: each attribute's name in UTF-8 bytes plus its value's size
     * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html).
     */
    static final class ItemSize {
        private ItemSize() {
        }

        static long of(JsonNode item) {
            long size = 0;
            for (Map.Entry<String, JsonNode> attribute : item.properties()) {
                size += utf8(attribute.getKey()) + value(attribute.getValue());
            }
            return size;
        }

        /** A value's size: strings and binaries their bytes, numbers about one byte per two digits plus one. */
        static long value(JsonNode typed) {
            Map.Entry<String, JsonNode> only = typed.properties().iterator().next();
            JsonNode v = only.getValue();
            return switch (only.getKey()) {
                case "S" -> utf8(v.asText());
                case "N" -> (v.asText().replaceAll("[^0-9]", "").length() + 1) / 2 + 1;
                case "B" -> java.util.Base64.getDecoder().decode(v.asText()).length;
                case "BOOL", "NULL" -> 1;
                case "M" -> 3 + of(v) + v.size();
                case "L" -> {
                    long list = 3;
                    for (JsonNode element : v) {
                        list += 1 + value(element);
                    }
                    yield list;
                }
                default -> { // sets: the sum of their members
                    long set = 0;
                    for (JsonNode member : v) {
                        set += only.getKey().equals("NS") ? (member.asText().length() + 1) / 2 + 1
                                : only.getKey().equals("BS") ? java.util.Base64.getDecoder().decode(member.asText()).length
                                : utf8(member.asText());
                    }
                    yield set;
                }
            };
        }

        private static long utf8(String text) {
            return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
    }
}
