package pwausers.local.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A client on a raw socket, for what well-behaved clients never do: send part of a request, stall, dribble the rest.
 */
public final class RawClient implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
    }

    /** Connects and sends the text (a request, or its start). */
    public static RawClient send(URI server, String text) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), 5_000);
        RawClient client = new RawClient(socket);
        client.write(text);
        return client;
    }

    public void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The socket's output, to send the rest of a request from another thread. */
    public OutputStream output() {
        return out;
    }

    /**
     * Sends the bytes in 64 KiB writes from a thread of its own, as a client that sends its whole body before it
     * reads its answer; completes when all is sent, or exceptionally with the failure (a reset connection).
     */
    public CompletableFuture<Void> sendInBackground(byte[] bytes) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        Thread writer = new Thread(() -> {
            try {
                for (int at = 0; at < bytes.length; at += 64 * 1024) {
                    out.write(bytes, at, Math.min(64 * 1024, bytes.length - at));
                }
                out.flush();
                sent.complete(null);
            } catch (IOException e) {
                sent.completeExceptionally(e);
            }
        }, "raw-client-body");
        writer.setDaemon(true);
        writer.start();
        return sent;
    }

    /** Reads the answer, waiting for it up to the timeout. */
    public RawAnswer answer(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        return RawAnswer.read(in);
    }

    /**
     * Sends one byte every interval until the server answers (or count bytes are sent), then reads the answer.
     *
     * @throws SocketTimeoutException if no answer comes within the timeout
     */
    public RawAnswer dribble(int count, Duration interval, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < count && in.available() == 0 && System.nanoTime() < deadline; i++) {
            out.write('x');
            out.flush();
            Thread.sleep(interval.toMillis());
        }
        return answer(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
    }

    /**
     * Reads what the server sends after its answer, up to the end of the connection: true at a clean end (the
     * server closed it), an IOException when it was reset instead.
     */
    public boolean endsCleanly(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        while (in.read() >= 0) {
            // nothing more is expected; whatever comes is read until the end
        }
        return true;
    }

    /** Ends the connection with a reset (RST) rather than a clean close, as a client that crashed or gave up. */
    public void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
