package pwausers.bench.rig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import pwausers.bench.child.LambdaLauncher;
import pwausers.function.testkit.TestContext;

/**
 * Packs the child's classes into a small jar that goes on the child's class path beside the function's deployment
 * package, so that the child sees the function, the launcher and its stand-ins, and nothing else of the bench: the
 * classes of {@code pwausers.bench.child}, and of the function's test kit the Lambda context stand-in
 * ({@link TestContext}) and the CRaC stand-in (its {@code crac} package).
 */
public final class ChildJar {
    private static final String CHILD_DIR = "pwausers/bench/child/";
    private static final String TESTKIT_DIR = "pwausers/function/testkit/";

    private ChildJar() {
    }

    /** Writes the jar to target (only when its content changed). */
    public static Path write(Path target) {
        try {
            Path tmp = Files.createTempFile(target.getParent(), "child", ".jar");
            try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(tmp))) {
                Map<String, Path> classes = new TreeMap<>(classesUnder(LambdaLauncher.class, CHILD_DIR));
                classesUnder(TestContext.class, TESTKIT_DIR).forEach((name, file) -> {
                    if (name.startsWith(TESTKIT_DIR + "crac/") || name.startsWith(TESTKIT_DIR + "TestContext")) {
                        classes.put(name, file);
                    }
                });
                for (Map.Entry<String, Path> source : classes.entrySet()) {
                    JarEntry entry = new JarEntry(source.getKey());
                    entry.setTime(0);
                    jar.putNextEntry(entry);
                    try (InputStream in = Files.newInputStream(source.getValue())) {
                        in.transferTo(jar);
                    }
                    jar.closeEntry();
                }
            }
            if (Files.exists(target) && Files.mismatch(tmp, target) == -1) {
                Files.delete(tmp);
            } else {
                Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the child jar " + target, e);
        }
    }

    /**
     * The class files under {@code dir} (and its sub-directories) where {@code anchor} was loaded from (a directory of
     * classes or a jar), by their path from the root, in a stable order.
     */
    private static Map<String, Path> classesUnder(Class<?> anchor, String dir) throws IOException {
        Path location;
        try {
            location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Path root = Files.isDirectory(location) ? location : FileSystems.newFileSystem(location).getPath("/");
        Path start = root.resolve(dir);
        Map<String, Path> classes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(start)) {
            files.filter(f -> f.getFileName().toString().endsWith(".class"))
                    .forEach(f -> classes.put(root.relativize(f).toString().replace('\\', '/'), f));
        }
        return classes;
    }
}
