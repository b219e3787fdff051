package pwausers.function.store;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An HTTP endpoint on the loopback interface that answers every request at once with DynamoDB's empty success,
 * {@code {}}: SnapStart priming runs the real client, its HTTP client included, against it, with no network and
 * nothing stored. One thread per connection (the client keeps its connections alive); each answer goes out in one
 * write with TCP_NODELAY, so that no call waits on a delayed acknowledgement.
 */
final class LoopbackDynamoDb implements AutoCloseable {
    private static final byte[] EMPTY_SUCCESS = ("HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.0\r\n"
            + "Content-Length: 2\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII);
    private static final String CONTENT_LENGTH = "content-length:";

    private final ServerSocket server;

    LoopbackDynamoDb() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "pwa-users-priming-endpoint");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI endpoint() {
        return URI.create("http://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort());
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                Thread thread = new Thread(() -> answer(connection), "pwa-users-priming-connection");
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Answers every request on the connection until the client closes it. */
    private static void answer(Socket connection) {
        try (connection) {
            connection.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(connection.getInputStream());
            OutputStream out = connection.getOutputStream();
            for (long length = headers(in); length >= 0; length = headers(in)) {
                in.skipNBytes(length);
                out.write(EMPTY_SUCCESS);
                out.flush();
            }
        } catch (IOException e) {
            // the client went away: nothing to answer
        }
    }

    /** Reads a request's head; its Content-Length, or -1 at the end of the stream. */
    private static long headers(InputStream in) throws IOException {
        long length = 0;
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
                return length;
            }
            String header = line.toString().toLowerCase(Locale.ROOT);
            if (header.startsWith(CONTENT_LENGTH)) {
                length = Long.parseLong(header.substring(CONTENT_LENGTH.length()).strip());
            }
            line.setLength(0);
        }
        if (any) {
            throw new IOException("the request's head ends early");
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
