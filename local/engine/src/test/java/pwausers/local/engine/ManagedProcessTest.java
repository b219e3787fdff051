package pwausers.local.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A managed process's life, on small shell commands: ready, failing to start, stopped with what it started. */
class ManagedProcessTest {
    private static final Duration BOUND = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void start_returnsOnceTheCheckPasses_andItsOutputIsInTheLog() throws IOException {
        Path log = Files.createFile(dir.resolve("log"));
        ManagedProcess process = ManagedProcess.start("echo", List.of("sh", "-c", "echo ready now; exec cat"), log,
                left -> logHas(log, "ready now"), BOUND);
        try {
            assertThat(process.isAlive()).isTrue();
            assertThat(process.logTail()).isEqualTo("ready now");
        } finally {
            process.stop();
        }
        assertThat(process.isAlive()).isFalse();
        process.stop(); // idempotent
    }

    @Test
    void aProcessThatExitsBeforeItIsReady_failsWithItsExitCode_andTheEndOfItsLog() throws IOException {
        Path log = Files.createFile(dir.resolve("log"));

        assertThatThrownBy(() -> ManagedProcess.start("failing", List.of("sh", "-c", "echo boom; exit 3"), log,
                left -> false, BOUND))
                .isInstanceOfSatisfying(ManagedProcess.StartFailure.class,
                        e -> assertThat(e.logTail()).isEqualTo("boom"))
                .hasMessageContaining("failing failed to start: it exited with code 3")
                .hasMessageEndingWith("boom");
    }

    @Test
    void aProcessNotReadyInTime_isStopped_andTheFailureSaysSo() throws Exception {
        Path log = Files.createFile(dir.resolve("log"));

        assertThatThrownBy(() -> ManagedProcess.start("slow", List.of("sh", "-c", "echo $$; exec sleep 600"), log,
                left -> false, Duration.ofSeconds(1)))
                .isInstanceOf(ManagedProcess.StartFailure.class)
                .hasMessageContaining("slow failed to start: it was not ready within 1 s");
        long pid = Long.parseLong(Files.readString(log).strip());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
    }

    @Test
    void aCommandThatCannotRun_failsNamingIt() throws IOException {
        Path log = Files.createFile(dir.resolve("log"));

        assertThatThrownBy(() -> ManagedProcess.start("nothing", List.of("/no/such/command"), log, left -> true, BOUND))
                .isInstanceOf(ManagedProcess.StartFailure.class)
                .hasMessageStartingWith("Cannot start nothing (/no/such/command)");
    }

    @Test
    void stop_endsTheProcessAndWhatItStarted() throws Exception {
        Path log = Files.createFile(dir.resolve("log"));
        ManagedProcess process = ManagedProcess.start("parent", List.of("sh", "-c", "sleep 600 & echo $!; exec cat"),
                log, left -> logHas(log, "\n"), BOUND);
        long child = Long.parseLong(Files.readString(log).strip());

        process.stop();

        assertThat(process.isAlive()).isFalse();
        // ended: gone, or a zombie that init has yet to reap (then ProcessHandle still calls it alive)
        assertThat(awaitState(child, "Z")).as("the process it started has ended").isTrue();
    }

    @Test
    void signal_stopsAndContinuesIt() throws IOException, InterruptedException {
        Path log = Files.createFile(dir.resolve("log"));
        ManagedProcess process = ManagedProcess.start("cat", List.of("cat"), log, left -> true, BOUND);
        try {
            process.signal("STOP");
            assertThat(awaitState(process.pid(), "T")).as("stopped").isTrue();
            process.signal("CONT");
            assertThat(awaitState(process.pid(), "S")).as("sleeping again, on its stdin").isTrue();
        } finally {
            process.stop();
        }
        assertThatThrownBy(() -> process.signal("CONT")).isInstanceOf(IllegalStateException.class);
    }

    /**
     * Polls the process's state in /proc (T: stopped, S: sleeping, Z: ended, not yet reaped) until it is this one,
     * within the bound; a process gone from /proc has ended, which Z accepts.
     */
    private static boolean awaitState(long pid, String state) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            Path file = Path.of("/proc", Long.toString(pid), "stat");
            String stat;
            try {
                stat = Files.readString(file);
            } catch (java.nio.file.NoSuchFileException gone) {
                return state.equals("Z");
            }
            if (stat.substring(stat.lastIndexOf(')') + 2).startsWith(state)) {
                return true;
            }
            Thread.sleep(10); // the poll's interval
        }
        return false;
    }

    private static boolean logHas(Path log, String text) {
        try {
            return Files.readString(log).contains(text);
        } catch (IOException e) {
            return false;
        }
    }
}
