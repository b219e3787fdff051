package pwausers.local.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * What is left of a request body that a server answered without taking it (too large, a wrong path or function, a
 * web page's call): read and dropped after the answer is sent, until it ends or for at most {@link #LINGER}. Closing
 * the connection with the body unread makes the kernel reset it, and a reset loses the answer at a client that sends
 * its whole body before it reads (the JDK's HttpClient, curl, the aws CLI, most browsers).
 */
public final class RefusedBodies {
    /** How long a refused body is read and dropped, at most, before its connection is closed. */
    public static final Duration LINGER = Duration.ofSeconds(2);

    private RefusedBodies() {
    }

    /** A callback for writing the answer: once it is sent, the rest of the body is drained, then {@code callback} succeeds. */
    public static Callback drainingAfter(Request request, Callback callback) {
        return Callback.from(() -> drain(request, callback::succeeded), callback::failed);
    }

    /** Reads what is left of the body and drops it, then runs {@code then} (once): at its end or at the linger's. */
    public static void drain(Request request, Runnable then) {
        new Drain(request, then).start();
    }

    private static final class Drain implements Runnable {
        private final Request request;
        private final Runnable then;
        private final AtomicBoolean done = new AtomicBoolean();
        private Scheduler.Task timer;

        Drain(Request request, Runnable then) {
            this.request = request;
            this.then = then;
        }

        void start() {
            timer = request.getComponents().getScheduler().schedule(this::finish, LINGER.toMillis(), TimeUnit.MILLISECONDS);
            run();
        }

        @Override
        public void run() {
            while (!done.get()) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                boolean end = chunk.isLast() || Content.Chunk.isFailure(chunk);
                chunk.release();
                if (end) {
                    finish();
                    return;
                }
            }
        }

        private void finish() {
            if (done.compareAndSet(false, true)) {
                timer.cancel(); // set in start(), before the first read
                then.run();
            }
        }
    }
}
