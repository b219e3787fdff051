package pwausers.local.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state files by which invoke finds the running ups of a clone: one per up, each removed by its own up only. */
class UpStateTest {
    @TempDir
    Path root;
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopProcesses() {
        processes.forEach(Process::destroyForcibly);
    }

    /** A live process other than this JVM, standing for another up. */
    private ProcessHandle anotherProcess() throws IOException {
        Process process = new ProcessBuilder("sleep", "600").start();
        processes.add(process);
        return process.toHandle();
    }

    private static UpState serving(ProcessHandle process, String engine) {
        return UpState.starting(process).serving(engine, "http://localhost:3000", "http://localhost:3001", Map.of(),
                null);
    }

    @Test
    void anUpThatStops_deletesItsOwnFileOnly_andTheOtherIsStillFound() throws Exception {
        UpState a = serving(ProcessHandle.current(), "http://localhost:8000");
        UpState b = serving(anotherProcess(), "http://localhost:8100");
        a.write(root);
        b.write(root);

        b.delete(root);

        assertThat(UpState.running(root)).containsExactly(a);
        assertThat(a.file(root)).exists();
    }

    @Test
    void severalRunning_theLatestStartedComesFirst_andOneStartingIsNotServing() throws Exception {
        UpState older = serving(ProcessHandle.current(), "http://localhost:8000");
        UpState newer = UpState.starting(anotherProcess());
        older.write(root);
        newer.write(root);

        assertThat(UpState.running(root)).containsExactly(newer, older);
        assertThat(newer.isServing()).isFalse();
        assertThat(older.isServing()).isTrue();
    }

    @Test
    void theFileOfAnUpThatIsGone_isIgnored_andDeletedByTheNextUp() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        UpState killed = new UpState(gone.pid(), null, "http://localhost:8000", "http://localhost:3000",
                "http://localhost:3001", Map.of(), null);
        assertThat(gone.waitFor(30, TimeUnit.SECONDS)).isTrue();
        killed.write(root);

        assertThat(UpState.running(root)).isEmpty();

        serving(ProcessHandle.current(), "http://localhost:8100").write(root);
        assertThat(killed.file(root)).doesNotExist();
    }

    @Test
    void aPidThatAnotherProcessHasSince_isNotTakenForTheUp() throws Exception {
        Instant before = ProcessHandle.current().info().startInstant().orElseThrow().minusSeconds(60);
        new UpState(ProcessHandle.current().pid(), before, "http://localhost:8000", "http://localhost:3000",
                "http://localhost:3001", Map.of(), null).write(root);

        assertThat(UpState.running(root)).isEmpty();
    }

    @Test
    void theParametersAndEnvVars_areReadBackAsWritten() throws Exception {
        Path envVars = root.resolve("env.json");
        UpState written = UpState.starting(ProcessHandle.current()).serving("http://localhost:8000",
                "http://localhost:3000", "http://localhost:3001", Map.of("TableName", "MyUsers", "Empty", ""), envVars);
        written.write(root);

        assertThat(UpState.running(root)).containsExactly(written);
        try (var files = Files.list(root.resolve(".pwa-users"))) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactly("up-" + ProcessHandle.current().pid() + ".properties");
        }
    }
}
