package pwausers.local.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import pwausers.local.template.LocalFunction;

/**
 * Test functions packaged as a function is: a jar of their own, which the local stack lays out in a task root and
 * runs in its own JVM under Lambda's runtime client, as it runs the real function.
 */
public final class TestFunctions {
    /**
     * The test functions' Timeout: more than a fresh JVM's first calls take on a busy machine (they load the runtime
     * client's and the handler's classes), less than what /echo/sleep sleeps.
     */
    public static final int TIMEOUT_SECONDS = 8;
    private static Path jar;

    private TestFunctions() {
    }

    /** A function whose code is the jar of the given classes (written once per test JVM), named name. */
    public static LocalFunction of(String name, Class<?> handler, int timeoutSeconds) {
        return new LocalFunction(name, handler.getName() + "::handleRequest", 128, timeoutSeconds, Map.of(),
                jarOf(handler));
    }

    private static synchronized Path jarOf(Class<?> handler) {
        if (jar == null) {
            String entry = handler.getName().replace('.', '/') + ".class";
            try (InputStream bytes = handler.getClassLoader().getResourceAsStream(entry)) {
                Path file = Files.createTempFile("pwa-users-test-function-", ".jar");
                file.toFile().deleteOnExit();
                try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file))) {
                    out.putNextEntry(new ZipEntry(entry));
                    bytes.transferTo(out);
                    out.closeEntry();
                }
                jar = file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return jar;
    }
}
