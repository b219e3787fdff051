package pwausers.local.engine;

/** The engine's port on 127.0.0.1 is taken by another process. */
public final class PortInUseException extends IllegalStateException {
    private final int port;

    PortInUseException(int port, Throwable cause) {
        super("Cannot start dynalite: port " + port + " on 127.0.0.1 is already in use", cause);
        this.port = port;
    }

    public int port() {
        return port;
    }
}
