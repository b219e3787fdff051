package pwausers.local.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MotoServerIT {

    @BeforeAll
    static void motoIsInstalled() {
        PythonModules.skipReason("moto.server", MotoServer.INSTALL).ifPresent(Assumptions::abort);
    }

    @Test
    void start_answersListTables() {
        try (MotoServer moto = MotoServer.start()) {
            assertThat(moto.client().listTables().tableNames()).isEmpty();
        }
    }

    /** kill -9 runs no shutdown hook: only the pipe on moto's stdin tells it that its owner is gone. */
    @Test
    void moto_exitsWhenTheProcessThatStartedItIsKilled() throws Exception {
        Process owner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Owner.class.getName())
                .redirectErrorStream(true).start();
        List<ProcessHandle> moto;
        try {
            BufferedReader out = new BufferedReader(
                    new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.equals(Owner.READY)) {
                System.out.println("owner: " + line);
            }
            assertThat(line).as("the owner started moto").isEqualTo(Owner.READY);
            moto = owner.descendants().toList();
            assertThat(moto).isNotEmpty();
        } finally {
            owner.destroyForcibly(); // SIGKILL
            owner.waitFor(30, TimeUnit.SECONDS);
        }
        try {
            for (ProcessHandle process : moto) {
                process.onExit().get(30, TimeUnit.SECONDS); // a TimeoutException: it outlived its owner
            }
            assertThat(moto).noneMatch(ProcessHandle::isAlive);
        } finally {
            moto.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** A process that starts moto, says so, and waits to be killed. */
    public static final class Owner {
        static final String READY = "moto is up";

        public static void main(String[] args) throws Exception {
            MotoServer.start();
            System.out.println(READY);
            System.out.flush();
            System.in.read(); // until killed
        }
    }
}
