package pwausers.local.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child process this JVM owns (an engine: dynalite, moto), from its start to its end.
 * <ul>
 * <li>Its output, stdout and stderr, is appended to a log file of the caller's; {@link #logTail} reads its end.
 * <li>Its stdin is a pipe that this JVM holds open and never writes to: a child that reads it (engine-guard.js, moto's
 * guard) exits when it closes, which the kernel does however this JVM ends, kill -9 included. A shutdown hook kills it
 * too, should this JVM end without {@link #stop()}.
 * <li>{@link #start} returns once the caller's readiness check passes, polled until a bound; it fails, with the end of
 * the log, when the process exits first or the bound passes (the process killed then).
 * <li>{@link #stop()} ends it and its descendants: the pipe closed, SIGTERM, SIGKILL after 5 s.
 * </ul>
 */
public final class ManagedProcess {
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final int LOG_TAIL_LINES = 20;

    private final String name;
    private final Path logFile;
    private final Process process;
    private final Thread shutdownHook;

    /** Whether the process is ready, given what is left of the wait (a check should not outlast it). */
    @FunctionalInterface
    public interface Readiness {
        boolean ready(Duration left);
    }

    /** The process could not be started, exited before it was ready, or was not ready in time. */
    public static final class StartFailure extends IllegalStateException {
        private final String logTail;

        StartFailure(String message, String logTail, Throwable cause) {
            super(message, cause);
            this.logTail = logTail;
        }

        /** The last lines of the process's log when it failed. */
        public String logTail() {
            return logTail;
        }
    }

    private ManagedProcess(String name, Path logFile, Process process) {
        this.name = name;
        this.logFile = logFile;
        this.process = process;
        this.shutdownHook = new Thread(this::kill, name + " shutdown");
    }

    /**
     * Starts the command and waits until it is ready.
     *
     * @param name    what messages call it, e.g. "dynalite on port 8000"
     * @param logFile where its output goes (appended; the caller creates and deletes it)
     * @param timeout how long it may take to be ready
     * @throws StartFailure when it cannot be started, exits first, or is not ready within the timeout
     */
    public static ManagedProcess start(String name, List<String> command, Path logFile, Readiness readiness,
                                       Duration timeout) {
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start(); // stdin: a pipe this JVM keeps open and never writes to, the child's lifeline
        } catch (IOException e) {
            throw new StartFailure("Cannot start " + name + " (" + command.get(0) + "): " + e.getMessage(), "", e);
        }
        ManagedProcess managed = new ManagedProcess(name, logFile, process);
        Runtime.getRuntime().addShutdownHook(managed.shutdownHook);
        managed.awaitReady(readiness, timeout);
        return managed;
    }

    /** The process's id. */
    public long pid() {
        return process.pid();
    }

    /** Whether it is alive (a stopped, SIGSTOPped process is). */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines of its log, or why they cannot be read. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /**
     * Sends a signal by name (STOP, CONT, ...) with kill(1): Java's Process API has none but TERM and KILL. An interrupt
     * does not cut it short: once kill has started, the signal lands anyway, so this waits for it and returns with the
     * caller's interrupt kept and the process in the state asked for. (A test that freezes an engine from inside an SDK
     * call is interrupted by the SDK's own timeout, which must then surface as that timeout, not as a failure here.)
     *
     * @throws IllegalStateException when kill fails (the process is gone) or does not end within 5 s
     */
    public void signal(String signal) {
        Process kill;
        try {
            kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run kill -" + signal + " " + pid(), e);
        }
        boolean interrupted = false;
        long end = System.nanoTime() + STOP_TIMEOUT.toNanos();
        try {
            while (true) {
                try {
                    if (!kill.waitFor(end - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                        throw new IllegalStateException("kill -" + signal + " " + pid() + " (" + name
                                + ") did not end within " + STOP_TIMEOUT.toSeconds() + " s");
                    }
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid() + " (" + name + ") failed");
        }
    }

    /**
     * Ends it and its descendants: its stdin closed (the lifeline), SIGTERM, then SIGKILL after 5 s; waits until they
     * are gone. A stopped (SIGSTOPped) process must be continued first: it handles SIGTERM only then. Idempotent.
     */
    public void stop() {
        // its descendants first: once the pipe closes it may exit at once, and what it started would no longer be
        // found below it (init adopts it)
        List<ProcessHandle> descendants = process.descendants().toList();
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the pipe is gone already
        }
        descendants.forEach(ProcessHandle::destroy);
        process.destroy();
        if (!waitFor(STOP_TIMEOUT)) {
            process.destroyForcibly();
            waitFor(STOP_TIMEOUT);
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shutdownInProgress) {
            // the hook is running or about to run: nothing left to remove
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ")";
    }

    private void awaitReady(Readiness readiness, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                stop();
                throw failure("exited with code " + process.exitValue(), null);
            }
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            RuntimeException notReady = null;
            try {
                if (!left.isNegative() && readiness.ready(left)) {
                    return;
                }
            } catch (RuntimeException e) {
                notReady = e;
            }
            if (System.nanoTime() - deadline > 0) {
                stop();
                throw failure("was not ready within " + timeout.toSeconds() + " s", notReady);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                stop();
                Thread.currentThread().interrupt();
                throw failure("was interrupted before it was ready", e);
            }
        }
    }

    private StartFailure failure(String what, Throwable cause) {
        String tail = logTail();
        return new StartFailure(name + " failed to start: it " + what + "; last lines of " + logFile + ":\n" + tail,
                tail, cause);
    }

    /** The shutdown hook: SIGKILL, without waiting or locking. */
    private void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
