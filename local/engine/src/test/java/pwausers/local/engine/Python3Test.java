package pwausers.local.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** python3 started by its interpreter's own path, whatever launcher the PATH holds. */
class Python3Test {
    @Test
    void theExecutable_isTheInterpreterItself_notALauncher() throws Exception {
        Assumptions.assumeTrue(PythonModules.installed("sys"), "no python3 on the PATH");

        Process python = new ProcessBuilder(Python3.executable(), "-c", "import sys; print(sys.executable)").start();
        python.getOutputStream().close();
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip())
                .isEqualTo(Python3.executable());
    }

    @Test
    void aProgramNotBesidePython3_isStartedByItsName() {
        assertThat(Python3.program("pwausers-no-such-program")).isEqualTo("pwausers-no-such-program");
    }
}
