package pwausers.local.engine;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Whether this machine's python3 has a module: moto (its server) and aws-sam-translator, which the tests use, come
 * with the machine image, not with the build. A test asks, to say that it is skipped rather than fail without them.
 */
public final class PythonModules {
    private static final Map<String, Boolean> KNOWN = new ConcurrentHashMap<>();

    private PythonModules() {
    }

    /**
     * Why a test that needs the module is skipped here: it is not installed, and this is not CI. CI (CI=true)
     * requires it (.ci/run), so there the test runs, and fails without it. Empty when the test should run.
     *
     * @param install how to install it, for the reason
     */
    public static Optional<String> skipReason(String module, String install) {
        if ("true".equals(System.getenv("CI")) || installed(module)) {
            return Optional.empty();
        }
        return Optional.of("python3 has no " + module + ": skipped (" + install + ")");
    }

    /** Whether {@code python3 -c "import MODULE"} succeeds (false if there is no python3); asked once per module. */
    public static boolean installed(String module) {
        return KNOWN.computeIfAbsent(module, PythonModules::imports);
    }

    private static boolean imports(String module) {
        try {
            Process python = new ProcessBuilder(Python3.executable(), "-c", "import " + module)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            python.getOutputStream().close();
            if (!python.waitFor(60, TimeUnit.SECONDS)) {
                python.destroyForcibly();
                return false;
            }
            return python.exitValue() == 0;
        } catch (IOException e) {
            return false; // no python3
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
