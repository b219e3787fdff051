package pwausers.local.up;

import java.io.PrintStream;
import pwausers.local.engine.Dynalite;

/**
 * Watches the DynamoDB engine: if it dies, says so on the console and starts it again (on the same port, with the
 * same data), then recreates any missing table. While it is down, the function answers 503.
 */
final class EngineSupervisor implements AutoCloseable {
    private static final long CHECK_EVERY_MILLIS = 250;
    private final Dynalite dynalite;
    private final Runnable afterRestart;
    private final PrintStream console;
    private final Thread thread;
    private volatile boolean closed;

    EngineSupervisor(Dynalite dynalite, Runnable afterRestart, PrintStream console) {
        this.dynalite = dynalite;
        this.afterRestart = afterRestart;
        this.console = console;
        this.thread = new Thread(this::watch, "engine-supervisor");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void watch() {
        while (!closed) {
            try {
                Thread.sleep(CHECK_EVERY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            if (closed || dynalite.isRunning()) {
                continue;
            }
            console.println("pwa-users: the DynamoDB engine (dynalite) stopped; API requests get 503 until it is back."
                    + " Restarting it...");
            try {
                dynalite.restart();
                afterRestart.run();
                console.println("pwa-users: the DynamoDB engine is back on " + dynalite.endpoint());
            } catch (RuntimeException e) {
                if (!closed) {
                    console.println("pwa-users: could not restart the DynamoDB engine: " + e.getMessage()
                            + " (log: " + dynalite.logFile() + "); trying again");
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
