package pwausers.local.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A moto server (Python's AWS emulator, {@code python3 -m moto.server}) on a free port of 127.0.0.1, in memory: a
 * second DynamoDB engine beside {@link Dynalite}, so that what the function relies on is checked on two
 * independent implementations (dynalite carries a fidelity patch of ours; moto does not). Its output goes to a
 * temporary log file. It dies with this JVM, however the JVM ends: a shutdown hook kills it if {@link #close()} is
 * never called, and it exits by itself when the pipe this JVM holds on its stdin closes ({@link #GUARDED_MAIN}, as
 * {@link Dynalite}'s engine guard does), which covers kill -9.
 */
public final class MotoServer implements LocalEngine {
    /** How to install it (the machine image has it; PyPI may not be reachable). */
    public static final String INSTALL = "pip install 'moto[server]'";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60); // a bound: 2 s when idle
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
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
    private final Process process;
    private final Thread shutdownHook;
    private final EngineClient client;

    private MotoServer(int port, Path logFile, Process process) {
        this.port = port;
        this.logFile = logFile;
        this.process = process;
        this.shutdownHook = new Thread(process::destroyForcibly, "moto-shutdown");
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
        Process process;
        try {
            logFile = Files.createTempFile("moto-", ".log");
            // stdin stays a pipe that this JVM holds open and never writes to: moto's lifeline (GUARDED_MAIN)
            process = new ProcessBuilder(List.of("python3", "-c", GUARDED_MAIN, "-H", "127.0.0.1",
                    "-p", Integer.toString(port)))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start moto (python3 -m moto.server): " + e.getMessage(), e);
        }
        MotoServer moto = new MotoServer(port, logFile, process);
        Runtime.getRuntime().addShutdownHook(moto.shutdownHook);
        try {
            moto.awaitReady();
        } catch (RuntimeException e) {
            moto.close();
            throw e;
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

    @Override
    public synchronized void close() {
        if (client.isClosed()) {
            return;
        }
        client.close();
        try {
            process.getOutputStream().close(); // moto's guard exits when this pipe closes; the signals make sure
        } catch (IOException e) {
            // the pipe is gone already
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shutdownInProgress) {
            // the hook is running: nothing left to remove
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

    /** Polls ListTables until it answers; fails when the process exits or the time is up. */
    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto exited with code " + process.exitValue()
                        + " (is python3's moto installed?); its log:\n" + log());
            }
            try {
                client().listTables(r -> r.overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(2))));
                return;
            } catch (SdkException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("moto on port " + port + " did not answer within "
                            + READY_TIMEOUT.toSeconds() + " s; its log:\n" + log(), notYet);
                }
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for moto", e);
            }
        }
    }

    private String log() {
        try {
            return Files.readString(logFile);
        } catch (IOException | UncheckedIOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

}
