package pwausers.local.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashSet;
import java.util.Set;

/**
 * A loopback port of one test's own that passes every connection through to the shared stack's API, until it is cut.
 * The page is served through it, so each test has its own origin (its own IndexedDB, service worker and caches in a
 * shared browser), and {@link #cut()} takes the API away from this test's page and service worker alone, as stopping
 * the stack would: new connections are refused, open ones are closed. {@link #restore()} listens again on the same
 * port, so the origin stays the same.
 */
final class Relay implements AutoCloseable {
    private final int target;
    private final Set<Socket> sockets = new HashSet<>();
    private ServerSocket listener;
    private int port;

    /** Relays a free loopback port to {@code target}, a port on 127.0.0.1. */
    Relay(int target) {
        this.target = target;
        restore();
    }

    int port() {
        return port;
    }

    /** Listens (again) on this relay's port. */
    synchronized void restore() {
        if (listener != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            listener = socket;
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
        ServerSocket accepting = listener;
        thread("relay-accept-" + port, () -> accept(accepting));
    }

    /** Refuses new connections and closes the open ones. */
    synchronized void cut() {
        closeQuietly(listener);
        listener = null;
        sockets.forEach(Relay::closeQuietly);
        sockets.clear();
    }

    @Override
    public void close() {
        cut();
    }

    private void accept(ServerSocket accepting) {
        while (true) {
            Socket client;
            try {
                client = accepting.accept();
            } catch (IOException e) {
                return; // cut
            }
            try {
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                if (!register(accepting, client, server)) {
                    return;
                }
                thread("relay-up-" + port, () -> pump(client, server));
                thread("relay-down-" + port, () -> pump(server, client));
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    /** Keeps both ends to close on a cut; false (and both closed) when the cut came first. */
    private synchronized boolean register(ServerSocket accepting, Socket client, Socket server) {
        if (listener != accepting) {
            closeQuietly(client);
            closeQuietly(server);
            return false;
        }
        sockets.add(client);
        sockets.add(server);
        return true;
    }

    private void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // one side closed: the connection is over
        } finally {
            forget(from);
            forget(to);
        }
    }

    private synchronized void forget(Socket socket) {
        closeQuietly(socket);
        sockets.remove(socket);
    }

    private static void thread(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception e) {
                // closing is all we want
            }
        }
    }
}
