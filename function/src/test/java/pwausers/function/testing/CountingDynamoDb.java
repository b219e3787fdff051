package pwausers.function.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntPredicate;

/**
 * A DynamoDB endpoint on the loopback interface that answers every call at once with {@code {}} and counts the
 * connections clients hold to it: opened in all, open now, and which operation came on which connection. For what a
 * process holds at a given moment (a SnapStart snapshot), seen from the other end of its sockets.
 */
public final class CountingDynamoDb implements AutoCloseable {
    private static final byte[] EMPTY_SUCCESS = ("HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.0\r\n"
            + "Content-Length: 2\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII);

    /** One call: its operation ({@code X-Amz-Target} without the service prefix) and its connection's number. */
    public record Call(String operation, int connection) {
    }

    private final ServerSocket server;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private int opened;

    public CountingDynamoDb() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "counting-dynamodb");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Connections opened to this endpoint so far. */
    public synchronized int opened() {
        return opened;
    }

    /** Connections a client holds open now (not yet closed from its side). */
    public int open() {
        return open.size();
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /**
     * Waits, at most {@code bound}, until the number of open connections satisfies {@code condition} (a bounded poll:
     * a client's close reaches this end a moment after it is made); the number then.
     */
    public int awaitOpen(IntPredicate condition, Duration bound) throws InterruptedException {
        long end = System.nanoTime() + bound.toNanos();
        while (!condition.test(open()) && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        return open();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                int number;
                synchronized (this) {
                    number = ++opened;
                }
                open.add(connection);
                Thread thread = new Thread(() -> answer(connection, number), "counting-dynamodb-" + number);
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Answers every request on the connection until the client closes it. */
    private void answer(Socket connection, int number) {
        try (connection) {
            InputStream in = new BufferedInputStream(connection.getInputStream());
            OutputStream out = connection.getOutputStream();
            for (String[] head = head(in); head != null; head = head(in)) {
                in.skipNBytes(Long.parseLong(head[0]));
                calls.add(new Call(head[1], number));
                out.write(EMPTY_SUCCESS);
                out.flush();
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            open.remove(connection);
        }
    }

    /** A request's head: its Content-Length and operation; null at the end of the stream. */
    private static String[] head(InputStream in) throws IOException {
        String length = "0";
        String operation = "";
        StringBuilder line = new StringBuilder();
        boolean any = false;
        for (int c = in.read(); c >= 0; c = in.read()) {
            any = true;
            if (c != '\n') {
                if (c != '\r') {
                    line.append((char) c);
                }
                continue;
            }
            if (line.length() == 0) {
                return new String[] {length, operation};
            }
            String header = line.toString();
            String name = header.substring(0, Math.max(0, header.indexOf(':'))).strip().toLowerCase(Locale.ROOT);
            String value = header.substring(header.indexOf(':') + 1).strip();
            if (name.equals("content-length")) {
                length = value;
            } else if (name.equals("x-amz-target")) {
                operation = value.substring(value.indexOf('.') + 1);
            }
            line.setLength(0);
        }
        if (any) {
            throw new IOException("the request's head ends early");
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
    }
}
