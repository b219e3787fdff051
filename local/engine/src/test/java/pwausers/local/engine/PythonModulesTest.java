package pwausers.local.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which of python3's modules the tests can use, and why a test without one is skipped (outside CI only). */
class PythonModulesTest {
    private static final boolean CI = "true".equals(System.getenv("CI"));

    @Test
    void aModuleOfPythonsOwn_isInstalled_andNothingIsSkipped() {
        assertThat(PythonModules.installed("json")).isTrue();
        assertThat(PythonModules.skipReason("json", "nothing to install")).isEmpty();
    }

    @Test
    void aModuleThatIsNotInstalled_skipsItsTestsSayingHowToInstallIt_exceptInCi() {
        Optional<String> reason = PythonModules.skipReason("pwausers_no_such_module", "pip install no-such-module");

        assertThat(PythonModules.installed("pwausers_no_such_module")).isFalse();
        if (CI) {
            assertThat(reason).as("CI requires it: the test runs, and fails").isEmpty();
        } else {
            assertThat(reason).hasValue("python3 has no pwausers_no_such_module: skipped (pip install no-such-module)");
        }
    }
}
