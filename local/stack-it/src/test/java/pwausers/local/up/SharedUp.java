package pwausers.local.up;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import pwausers.local.testing.UpProcess;
import pwausers.local.testing.UpProcess.Ports;

/**
 * One {@code ./pwa-users up} on the defaults for the test JVM, started by the first test that asks for it and killed
 * when the JVM exits: for the tests (of any class) that need an up running and neither stop it nor depend on what it
 * printed or stored before them. Its state (up.properties, for {@code invoke}) and its data are in a folder of their
 * own under target/.
 */
record SharedUp(UpProcess up, Ports ports, Path stateDir, Path dataDir) {
    private static SharedUp shared;

    static synchronized SharedUp get() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "shared-up-");
                Ports ports = Ports.free();
                UpProcess up = UpProcess.start(dir.resolve("state"), dir.resolve("data"), ports, Map.of(), "--no-reload")
                        .awaitBanner();
                Runtime.getRuntime().addShutdownHook(new Thread(up::close, "shared-up-stop"));
                shared = new SharedUp(up, ports, dir.resolve("state"), dir.resolve("data"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }
}
