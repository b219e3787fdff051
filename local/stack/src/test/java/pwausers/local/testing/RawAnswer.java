package pwausers.local.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/** An HTTP answer read off a raw socket: its status, its head (status line and headers) and its body. */
public record RawAnswer(int status, String head, String body) {

    /** Sends the request's text on a new connection and reads the answer. */
    public static RawAnswer of(URI server, String request, Duration timeout) throws IOException {
        try (RawClient client = RawClient.send(server, request)) {
            return client.answer(timeout);
        }
    }

    /** Reads one answer: the head up to the blank line, then Content-Length bytes of body (or up to the end). */
    static RawAnswer read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        for (int b; matched < 4 && (b = in.read()) >= 0; ) {
            head.write(b);
            matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
        }
        String headText = head.toString(StandardCharsets.ISO_8859_1);
        if (!headText.startsWith("HTTP/1.1 ") || headText.length() < 12) {
            throw new IOException("not an HTTP answer: " + headText);
        }
        int length = -1;
        for (String line : headText.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        byte[] body = length >= 0 ? in.readNBytes(length) : in.readAllBytes();
        return new RawAnswer(Integer.parseInt(headText.substring(9, 12)), headText.strip(),
                new String(body, StandardCharsets.UTF_8));
    }
}
