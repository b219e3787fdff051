package pwausers.local.gateway;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads request bodies as they arrive, without holding a thread while they do, within three bounds:
 * <ul>
 *   <li>API Gateway's payload limit: a body declared larger is refused before a byte of it is read, one that turns
 *       out larger (chunked) as soon as it does;</li>
 *   <li>time: a body must arrive within a grace period plus its length at a minimum rate ({@link Limits}), or it
 *       is refused; a client that stalls or dribbles holds a connection for that long and nothing else;</li>
 *   <li>memory: the bodies being read or served at one time may hold a bounded number of bytes (each body is
 *       held about five times over while it is served: raw, as text, in the event, in the function), so many large
 *       bodies at once get API Gateway's throttling answer instead of exhausting the heap.</li>
 * </ul>
 */
final class RequestBodies {

    /**
     * @param maxBytes          the largest body accepted
     * @param grace             what every body is given to arrive, whatever its length
     * @param minBytesPerSecond the rate a body must keep beyond the grace period
     * @param budgetBytes       the bytes that all bodies in flight may hold together
     */
    record Limits(int maxBytes, Duration grace, long minBytesPerSecond, long budgetBytes) {
        /** API Gateway's 10 MB; the grace plus 1 s per MiB; a tenth of the heap, and always room for one largest body. */
        static Limits forThisJvm(Duration grace) {
            return new Limits(MAX_BODY_BYTES, grace, 1024 * 1024,
                    Math.max(MAX_BODY_BYTES + 1, Runtime.getRuntime().maxMemory() / 10));
        }

        /** The time a body of that many bytes may take to arrive. */
        long allowanceNanos(long bytes) {
            return grace.toNanos() + bytes * 1_000_000_000L / minBytesPerSecond;
        }
    }

    /** API Gateway's payload limit for a REST API. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    /** Why a body was not taken: each an answer of API Gateway's (status, message, its gateway response type). */
    enum Refusal {
        TOO_LARGE(413, "Request Too Long", "REQUEST_TOO_LARGE"),
        TOO_SLOW(408, "Request Timeout", null),
        TOO_MANY(429, "Too Many Requests", "THROTTLED");

        final int status;
        final String message;
        final String responseType;

        Refusal(int status, String message, String responseType) {
            this.status = status;
            this.message = message;
            this.responseType = responseType;
        }
    }

    /** A body read whole; {@link #release()} gives its bytes back to the budget once the answer is sent. */
    final class Body {
        private final byte[] bytes;
        private final int length;
        private long reserved;

        private Body(byte[] bytes, int length, long reserved) {
            this.bytes = bytes;
            this.length = length;
            this.reserved = reserved;
        }

        /** The bytes, from 0 to {@link #length()}. */
        byte[] bytes() {
            return bytes;
        }

        int length() {
            return length;
        }

        synchronized void release() {
            inFlight.addAndGet(-reserved);
            reserved = 0;
        }
    }

    /** Where a read ends: exactly one of these is called, once, in the thread that ends the read. */
    interface Reader {
        void body(Body body);

        void refused(Refusal refusal);

        /** The connection failed (the client went away): nothing can be answered. */
        void failed(Throwable failure);
    }

    private final Limits limits;
    private final AtomicLong inFlight = new AtomicLong();

    RequestBodies(Limits limits) {
        this.limits = limits;
    }

    /** Reads the whole body, then calls the reader. */
    void read(Request request, Reader reader) {
        new Read(request, reader, true).start();
    }

    /** Reads the body and drops it (so that a client that sends all of it before reading gets the answer), then calls the reader with an empty body. */
    void discard(Request request, Reader reader) {
        new Read(request, reader, false).start();
    }

    /** The bytes the bodies in flight hold now. */
    long inFlightBytes() {
        return inFlight.get();
    }

    private boolean reserve(long bytes) {
        for (long now = inFlight.get(); ; now = inFlight.get()) {
            if (now + bytes > limits.budgetBytes()) {
                return false;
            }
            if (inFlight.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    /**
     * One body being read: started by the handler's thread, continued by Jetty's demand callbacks or ended by its
     * timer. Its state changes under its lock; the reader is called outside it, exactly once.
     */
    private final class Read implements Runnable {
        private final Request request;
        private final Reader reader;
        private final boolean keep;
        private final long declared;
        private final long startNanos = System.nanoTime();
        private byte[] bytes;
        private int length;
        private long reserved;
        private boolean ended;
        private Scheduler.Task timer;

        Read(Request request, Reader reader, boolean keep) {
            this.request = request;
            this.reader = reader;
            this.keep = keep;
            this.declared = request.getLength();
        }

        void start() {
            Runnable outcome;
            synchronized (this) {
                if (declared > limits.maxBytes()) {
                    outcome = end(Refusal.TOO_LARGE);
                } else if (keep && declared > 0 && !reserveMore(declared)) {
                    outcome = end(Refusal.TOO_MANY);
                } else {
                    outcome = null;
                }
            }
            if (outcome != null) {
                outcome.run();
            } else {
                run();
            }
        }

        /** Reads what has arrived; then ends, or asks to be called again when more arrives. */
        @Override
        public void run() {
            Runnable outcome;
            synchronized (this) {
                outcome = readAvailable();
            }
            if (outcome == null) {
                request.demand(this);
            } else {
                outcome.run();
            }
        }

        /** What to do once the read ends, or null to wait for more content (with the timer set). */
        private Runnable readAvailable() {
            while (!ended) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    if (overdue()) {
                        return end(Refusal.TOO_SLOW);
                    }
                    setTimer();
                    return null;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    Throwable failure = chunk.getFailure();
                    return end(() -> reader.failed(failure));
                }
                Refusal refusal;
                try {
                    refusal = take(chunk.getByteBuffer());
                } finally {
                    chunk.release();
                }
                if (refusal != null) {
                    return end(refusal);
                }
                if (chunk.isLast()) {
                    Body body = new Body(bytes == null ? new byte[0] : bytes, length, reserved);
                    reserved = 0; // the body's now
                    return end(() -> reader.body(body));
                }
            }
            return () -> { }; // ended by the timer meanwhile
        }

        /** Copies the chunk into the body (or counts it, when discarding); a refusal if that breaks a bound. */
        private Refusal take(ByteBuffer buffer) {
            int n = buffer.remaining();
            if ((long) length + n > limits.maxBytes()) {
                return Refusal.TOO_LARGE;
            }
            if (keep) {
                if (bytes == null || length + n > bytes.length) {
                    long capacity = declared > 0 ? declared : Math.min(limits.maxBytes(), Math.max(1024, 2L * (length + n)));
                    if (capacity > reserved && !reserveMore(capacity - reserved)) {
                        return Refusal.TOO_MANY;
                    }
                    bytes = bytes == null ? new byte[(int) capacity] : Arrays.copyOf(bytes, (int) capacity);
                }
                buffer.get(bytes, length, n);
            }
            length += n;
            return null;
        }

        private boolean reserveMore(long more) {
            if (!reserve(more)) {
                return false;
            }
            reserved += more;
            return true;
        }

        /** The time allowed for the body so far: the grace, plus its length (declared, else arrived) at the rate. */
        private long allowanceNanos() {
            return limits.allowanceNanos(declared >= 0 ? declared : length);
        }

        private boolean overdue() {
            return System.nanoTime() - startNanos > allowanceNanos();
        }

        private void setTimer() {
            if (timer != null) {
                timer.cancel();
            }
            long left = allowanceNanos() - (System.nanoTime() - startNanos);
            timer = request.getComponents().getScheduler().schedule(this::timedOut, Math.max(1, left), TimeUnit.NANOSECONDS);
        }

        private void timedOut() {
            Runnable outcome;
            synchronized (this) {
                if (ended || !overdue()) {
                    return; // ended, or content came and moved the deadline
                }
                outcome = end(Refusal.TOO_SLOW);
            }
            outcome.run();
        }

        private Runnable end(Refusal refusal) {
            return end(() -> reader.refused(refusal));
        }

        /** Marks the read ended and gives back what it holds; returns what to call outside the lock. */
        private Runnable end(Runnable outcome) {
            ended = true;
            if (timer != null) {
                timer.cancel();
            }
            inFlight.addAndGet(-reserved);
            reserved = 0;
            bytes = null;
            return outcome;
        }
    }
}
