package pwausers.local.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A dynalite process (a DynamoDB engine on Node.js) listening on 127.0.0.1, as a {@link ManagedProcess}.
 *
 * <p>Its output goes to {@link #logFile()}, never to the caller's stdout. It dies with this JVM, however the JVM ends:
 * a shutdown hook kills it if {@link #close()} is never called, and it exits by itself when the pipe this JVM holds
 * on its stdin closes (local/engine/engine-guard.js reads it), which covers kill -9. With a data directory, this JVM claims
 * the directory while the engine runs ({@link DataDirectoryClaim}): a second engine on it is refused with the pid
 * of its holder, and an engine left on it by an owner that is gone is stopped first. It answers no web page: a
 * request from a browser on another origin gets 403 with no CORS header (the SDKs and the aws CLI send no Origin).
 */
public final class Dynalite implements LocalEngine {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60); // a bound: 1 s when idle
    /** Free ports tried by a start on any port, each found taken before the engine could bind it. */
    private static final int FREE_PORT_ATTEMPTS = 5;

    private final int port;
    private final Path dataDir;
    private final Duration tableStateDelay;
    private final Path logFile;
    private final EngineClient client;
    private volatile ManagedProcess process;
    private DataDirectoryClaim claim;
    private boolean frozen;

    private Dynalite(int port, Path dataDir, Duration tableStateDelay, Path logFile) {
        this.port = port;
        this.dataDir = dataDir;
        this.tableStateDelay = tableStateDelay;
        this.logFile = logFile;
        this.client = new EngineClient("dynalite on port " + port, endpoint());
    }

    /**
     * Refuses a data directory that a live process holds, naming it, and creates nothing: for a caller that has more
     * to check before it starts an engine there.
     *
     * @throws DataDirectoryInUseException if a live process holds it
     */
    public static void requireUnclaimed(Path dataDir) {
        DataDirectoryClaim.requireUnclaimed(dataDir.toAbsolutePath().normalize());
    }

    /** Starts an in-memory dynalite on a free port and waits until it answers. */
    public static Dynalite start() {
        return start(0, null);
    }

    /**
     * Starts dynalite and waits until it answers.
     *
     * @param port the port to listen on, or 0 for a free one
     * @param dataDirOrNull where to keep the tables (LevelDB, created if absent), or null to keep them in memory
     * @throws DataDirectoryInUseException if another live process runs an engine on that data directory
     * @throws PortInUseException if the port is in use
     * @throws IllegalStateException if dynalite exits or does not answer in time
     */
    public static Dynalite start(int port, Path dataDirOrNull) {
        return start(port, dataDirOrNull, Duration.ZERO);
    }

    /**
     * Starts dynalite and waits until it answers; its tables take {@code tableStateDelay} to be created, updated or
     * deleted (DynamoDB takes seconds; zero makes them change state at once, which is what the stack and most tests
     * want; a delay shows whether a caller waits on the state rather than assume it).
     */
    public static Dynalite start(int port, Path dataDirOrNull, Duration tableStateDelay) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("Not a port: " + port);
        }
        if (port != 0) {
            return startOn(port, dataDirOrNull, tableStateDelay);
        }
        // a port free when looked at can be taken before the engine binds it (other processes bind free ports too):
        // then another free one, as the caller asked for any
        for (int attempt = 1; ; attempt++) {
            try {
                return startOn(FreePorts.any(), dataDirOrNull, tableStateDelay);
            } catch (PortInUseException e) {
                if (attempt == FREE_PORT_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static Dynalite startOn(int port, Path dataDirOrNull, Duration tableStateDelay) {
        Path dataDir = dataDirOrNull == null ? null : dataDirOrNull.toAbsolutePath().normalize();
        Path logFile;
        try {
            logFile = Files.createTempFile("dynalite-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create dynalite's log file", e);
        }
        Dynalite dynalite = new Dynalite(port, dataDir, tableStateDelay, logFile);
        try {
            if (dataDir != null) {
                // refusals first, creating nothing: the data in use, then the port (unless an engine this claim
                // stops holds it, one that outlived its owner)
                DataDirectoryClaim.requireUnclaimed(dataDir);
                if (!DataDirectoryClaim.hasStaleEngine(dataDir)) {
                    requireFree(dynalite.port);
                }
                dynalite.claim = DataDirectoryClaim.claim(dataDir);
            }
            dynalite.launch();
        } catch (RuntimeException e) {
            dynalite.close();
            throw e;
        }
        return dynalite;
    }

    @Override
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The port dynalite listens on; it stays the same across {@link #restart()}. */
    public int port() {
        return port;
    }

    /**
     * The pids of engines that an owner now gone had left on the data directory, which {@link #start} stopped before
     * starting this one (empty, usually).
     */
    public List<Long> stoppedStaleEngines() {
        return claim == null ? List.of() : claim.stoppedStaleEngines();
    }

    /** The file that receives dynalite's stdout and stderr, deleted by {@link #close()}. */
    public Path logFile() {
        return logFile;
    }

    /**
     * The process id of the running dynalite.
     *
     * @throws IllegalStateException if it is not running
     */
    public synchronized long pid() {
        return running().pid();
    }

    /** Whether the process is alive (a frozen process is). */
    public boolean isRunning() {
        ManagedProcess current = process;
        return current != null && current.isAlive();
    }

    /**
     * Stops dynalite and its descendants: SIGTERM, then SIGKILL after 5 s. Does nothing if it is not running.
     */
    public synchronized void stop() {
        ManagedProcess current = process;
        if (current == null) {
            return;
        }
        if (frozen && current.isAlive()) {
            resume(); // a stopped process handles SIGTERM only once continued
        }
        frozen = false;
        current.stop();
        process = null;
    }

    /** Stops dynalite, then starts it again on the same port with the same data directory, and waits until it answers. */
    public synchronized void restart() {
        client.requireOpen();
        stop();
        launch();
    }

    /** Suspends the process (SIGSTOP): connections are accepted but no request is answered until {@link #resume()}. */
    public synchronized void freeze() {
        running().signal("STOP");
        frozen = true;
    }

    /** Continues a process suspended by {@link #freeze()} (SIGCONT). */
    public synchronized void resume() {
        running().signal("CONT");
        frozen = false;
    }

    /**
     * A client of this dynalite ({@link LocalEngine#REGION}, {@link LocalEngine#CREDENTIALS}), built on first use and
     * closed by {@link #close()}. It keeps working across {@link #restart()}.
     */
    @Override
    public DynamoDbClient client() {
        return client.get();
    }

    /** Stops dynalite, releases its data directory, closes the client and deletes the log file. Idempotent. */
    @Override
    public synchronized void close() {
        if (client.isClosed()) {
            return;
        }
        stop();
        if (claim != null) {
            claim.close();
            claim = null;
        }
        client.close();
        try {
            Files.deleteIfExists(logFile);
        } catch (IOException e) {
            // a leftover temporary file is harmless
        }
    }

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    @Override
    public String toString() {
        return "dynalite on " + endpoint() + (dataDir == null ? " (in memory)" : " (data in " + dataDir + ")");
    }

    /** Spawns the process on {@link #port} and waits until it answers. */
    private void launch() {
        requireFree(port);
        String delay = Long.toString(tableStateDelay.toMillis());
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            // its own session: a Ctrl-C in the terminal reaches the JVM, which stops the engine, and not the engine
            // behind the JVM's back (the supervisor of ./pwa-users up would take that for a crash)
            command.add(SETSID.toString());
        }
        command.addAll(List.of("node", "--require", ProjectFiles.engineGuard().toString(),
                "--require", ProjectFiles.dynamoDbFidelity().toString(), ProjectFiles.dynaliteCli().toString(),
                "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--createTableMs", delay, "--deleteTableMs", delay, "--updateTableMs", delay));
        if (dataDir != null) {
            command.addAll(List.of("--path", dataDir.toString())); // created by the claim
        }
        try {
            process = ManagedProcess.start("dynalite on port " + port, command, logFile,
                    left -> accepts() && client.answers(left), READY_TIMEOUT);
        } catch (ManagedProcess.StartFailure e) {
            if (e.logTail().contains("EADDRINUSE")) { // taken between our check and its bind
                throw new PortInUseException(port, e);
            }
            throw e;
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 250);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private ManagedProcess running() {
        ManagedProcess current = process;
        if (current == null || !current.isAlive()) {
            throw new IllegalStateException("dynalite on port " + port + " is not running");
        }
        return current;
    }

    private static void requireFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new PortInUseException(port, e);
        }
    }
}
