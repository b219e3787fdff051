package pwausers.local.engine;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The client behind {@link LocalEngine#client()}: made on first use, closed with its engine, and refused from then
 * on. It holds whether its engine is closed, so that an engine asks it rather than keep a flag of its own.
 */
final class EngineClient implements AutoCloseable {
    private final String engine;
    private final URI endpoint;
    private DynamoDbClient client;
    private boolean closed;

    /** @param engine what the error names once it is closed, e.g. "dynalite on port 8000" */
    EngineClient(String engine, URI endpoint) {
        this.engine = engine;
        this.endpoint = endpoint;
    }

    /**
     * The client ({@link LocalEngine#clientOf}), made on the first call.
     *
     * @throws IllegalStateException once closed
     */
    synchronized DynamoDbClient get() {
        requireOpen();
        if (client == null) {
            client = LocalEngine.clientOf(endpoint);
        }
        return client;
    }

    /**
     * Whether the engine answers a ListTables within what is left of a wait: its readiness. A shorter bound would give
     * up on a request that a busy engine is still working on, which is no sign that it is not ready (and the reset
     * once killed dynalite).
     */
    boolean answers(Duration left) {
        if (left.isNegative() || left.isZero()) {
            return false;
        }
        try {
            get().listTables(r -> r.overrideConfiguration(c -> c.apiCallTimeout(left)));
            return true;
        } catch (SdkException notYet) {
            return false;
        }
    }

    /** @throws IllegalStateException once closed, naming the engine */
    synchronized void requireOpen() {
        if (closed) {
            throw new IllegalStateException(engine + " is closed");
        }
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Closes the client if it was made; {@link #get()} refuses from then on. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
