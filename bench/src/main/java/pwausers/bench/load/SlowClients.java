package pwausers.bench.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import pwausers.bench.http.Answers;

/**
 * Misbehaving clients on raw sockets, alongside the normal load: each sends the headers at once, then the body one
 * byte at a time ({@code dribble} between bytes), and every other request hangs up halfway through the body (with a
 * FIN or with a reset, in turn). Every request they make goes to the ledger: a dribbled one that completes should
 * get its 201 like any other; one that hung up is an in-flight failure.
 */
final class SlowClients {
    private final URI apiUrl;
    private final Ledger ledger;
    private final int count;
    private final long dribbleMillis;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;

    SlowClients(URI apiUrl, Ledger ledger, int count, long dribbleMillis) {
        Loopback.require(apiUrl);
        this.apiUrl = apiUrl;
        this.ledger = ledger;
        this.count = count;
        this.dribbleMillis = dribbleMillis;
    }

    void start() {
        for (int i = 0; i < count; i++) {
            int client = i;
            Thread t = new Thread(() -> loop(client), "slow-client-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private void loop(int client) {
        for (int round = 0; !stopping; round++) {
            // clients start out of step: half of them hang up first, half dribble first
            int mode = (round + client) % 4; // 0, 2: whole body slowly; 1: hang up (FIN); 3: hang up (reset)
            send(mode);
        }
    }

    /** Stops after each client's current request (each lasts a few seconds at most) and waits for them. */
    void stop() {
        stopping = true;
        for (Thread t : threads) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void send(int mode) {
        long seq = ledger.nextSeq();
        boolean hangUp = mode % 2 == 1;
        String client = hangUp ? "abort" : "slow";
        String fname = hangUp ? "Abort" : "Slow";
        String lname = ledger.lastNameOf(seq);
        byte[] body = Answers.JSON.createObjectNode().put("fname", fname).put("lname", lname).toString()
                .getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST /pwausers HTTP/1.1\r\nHost: " + apiUrl.getHost() + ":" + apiUrl.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(apiUrl.getHost(), apiUrl.getPort()), 5_000);
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(head);
            out.flush();
            int upTo = hangUp ? body.length / 2 : body.length;
            for (int i = 0; i < upTo; i++) {
                out.write(body[i]);
                out.flush();
                LocalTarget.sleep(dribbleMillis);
            }
            if (hangUp) {
                if (mode == 3) {
                    socket.setSoLinger(true, 0); // close() sends a reset
                }
                ledger.record(new LedgerEntry(seq, client, fname, lname, null, start, System.nanoTime(), 0, null, null,
                        false, "hung up mid-body on purpose (" + (mode == 3 ? "reset" : "FIN") + ")"));
                return;
            }
            ledger.record(read(socket.getInputStream(), seq, client, fname, lname, start));
        } catch (IOException | RuntimeException e) {
            ledger.record(new LedgerEntry(seq, client, fname, lname, null, start, System.nanoTime(), 0, null, null,
                    false, e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    private static LedgerEntry read(InputStream in, long seq, String client, String fname, String lname, long start)
            throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        for (int n; (n = in.read(buffer)) > 0; ) { // Connection: close, the answer ends at EOF
            all.write(buffer, 0, n);
        }
        long end = System.nanoTime();
        String text = all.toString(StandardCharsets.ISO_8859_1);
        if (!text.startsWith("HTTP/1.1 ") || text.length() < 12) {
            return new LedgerEntry(seq, client, fname, lname, null, start, end, 0, null, null, false,
                    "no HTTP answer (" + text.length() + " bytes)");
        }
        int status = Integer.parseInt(text.substring(9, 12));
        String retryAfter = null;
        int headEnd = text.indexOf("\r\n\r\n");
        for (String line : text.substring(0, headEnd < 0 ? text.length() : headEnd).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("retry-after:")) {
                retryAfter = line.substring(12).trim();
            }
        }
        String id = status == 201 && headEnd >= 0 ? Answers.idOfBody(text.substring(headEnd + 4)) : null;
        return new LedgerEntry(seq, client, fname, lname, null, start, end, status, id, retryAfter, false, null);
    }
}
