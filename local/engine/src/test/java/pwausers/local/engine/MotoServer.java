package pwausers.local.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A moto server (Python's AWS emulator, {@code python3 -m moto.server}) on a free port of 127.0.0.1, in memory, as a
 * {@link ManagedProcess}: a second DynamoDB engine beside {@link Dynalite}, so that what the function relies on is
 * checked on two independent implementations (dynalite carries a fidelity patch of ours; moto does not), and the AWS
 * services a deploy calls. For tests only: it is in this module's test jar. It dies with this JVM, however the JVM
 * ends: it exits by itself when the pipe this JVM holds on its stdin closes ({@link #GUARDED_MAIN}, as {@link
 * Dynalite}'s engine guard does), which covers kill -9.
 */
public final class MotoServer implements LocalEngine {
    /** How to install it (the machine image has it; PyPI may not be reachable). */
    public static final String INSTALL = "pip install 'moto[server]'";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60); // a bound: 2 s when idle
    /**
     * moto's server, run by {@code python3 -c} with a thread that ends the process when its stdin reads end-of-file:
     * this JVM keeps the write end of that pipe and never writes to it, so the kernel closes it when the JVM ends,
     * however it ends (kill -9 included).
     */
    private static final String GUARDED_MAIN = """
            import os, stat, sys, threading
            def owner_gone():
                sys.stdin.buffer.read()
                os._exit(0)
            if stat.S_ISFIFO(os.fstat(0).st_mode):
                threading.Thread(target=owner_gone, daemon=True).start()
            from moto.server import main
            main(sys.argv[1:])
            """;

    private final int port;
    private final Path logFile;
    private final EngineClient client;
    private ManagedProcess process;

    private MotoServer(int port, Path logFile) {
        this.port = port;
        this.logFile = logFile;
        this.client = new EngineClient("moto on port " + port, endpoint());
    }

    /**
     * Starts moto on a free port and waits until its DynamoDB answers.
     *
     * @throws IllegalStateException if python3 or its moto package is missing, or moto does not answer in 60 s
     */
    public static MotoServer start() {
        int port = FreePorts.any();
        Path logFile;
        try {
            logFile = Files.createTempFile("moto-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create moto's log file", e);
        }
        MotoServer moto = new MotoServer(port, logFile);
        try {
            moto.process = ManagedProcess.start("moto on port " + port,
                    List.of(Python3.executable(), "-c", GUARDED_MAIN, "-H", "127.0.0.1", "-p", Integer.toString(port)),
                    logFile, moto.client::answers, READY_TIMEOUT);
        } catch (ManagedProcess.StartFailure e) {
            moto.close();
            throw new IllegalStateException(e.getMessage() + "\n(is python3's moto installed? " + INSTALL + ")", e);
        }
        return moto;
    }

    @Override
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public DynamoDbClient client() {
        return client.get();
    }

    /** Stops moto, closes its client and deletes its log. Idempotent. */
    @Override
    public synchronized void close() {
        if (client.isClosed()) {
            return;
        }
        client.close();
        if (process != null) {
            process.stop();
        }
        try {
            Files.deleteIfExists(logFile);
        } catch (IOException e) {
            // a leftover temporary file is harmless
        }
    }

    @Override
    public String toString() {
        return "moto on " + endpoint();
    }
}
