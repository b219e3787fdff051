package pwausers.bench.http;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection that POSTs a body and reads the status and body back: the least a client can
 * do, for the floor (a PutItem without an SDK) and the load generator. One write per request, TCP_NODELAY on.
 */
public final class RawHttpConnection implements Closeable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] buffer = new byte[16 * 1024];
    private int pos;
    private int limit;
    private final String host;

    public RawHttpConnection(URI endpoint) throws IOException {
        int port = endpoint.getPort() < 0 ? 80 : endpoint.getPort();
        this.host = endpoint.getHost() + ":" + port;
        this.socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(endpoint.getHost(), port), 5_000);
        socket.setSoTimeout(30_000);
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
    }

    /** A response: its status and body. */
    public record Response(int status, byte[] body) {
    }

    /** POSTs body to path with the given extra header lines (each ending in CRLF) and reads the whole answer. */
    public Response post(String path, String headerLines, byte[] body) throws IOException {
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + headerLines
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        out.write(request);
        out.flush();
        return readResponse();
    }

    private Response readResponse() throws IOException {
        String statusLine = readLine();
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(line.substring(15).strip());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (int size = Integer.parseInt(readLine().split(";")[0].strip(), 16); size > 0;
                    size = Integer.parseInt(readLine().split(";")[0].strip(), 16)) {
                readBytes(body, size);
                readLine();
            }
            while (!readLine().isEmpty()) {
                // trailers
            }
        } else if (length > 0) {
            readBytes(body, length);
        }
        return new Response(status, body.toByteArray());
    }

    private void readBytes(ByteArrayOutputStream to, long count) throws IOException {
        while (count > 0) {
            fill();
            int n = (int) Math.min(count, limit - pos);
            to.write(buffer, pos, n);
            pos += n;
            count -= n;
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            fill();
            byte b = buffer[pos++];
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) (b & 0xff));
        }
    }

    private void fill() throws IOException {
        if (pos < limit) {
            return;
        }
        int n = in.read(buffer);
        if (n < 0) {
            throw new EOFException("connection closed by the server");
        }
        pos = 0;
        limit = n;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
