package pwausers.bench.rig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import pwausers.bench.child.LambdaLauncher;

/**
 * Packs the classes of {@code pwausers.bench.child} and its sub-packages (the CRaC stand-in) into a small jar that goes on the child's class path beside the
 * function's deployment package, so that the child sees the function and the launcher, and nothing else of the bench.
 */
public final class ChildJar {
    private static final String PACKAGE_DIR = "pwausers/bench/child/";

    private ChildJar() {
    }

    /** Writes the jar to target (only when its content changed). */
    public static Path write(Path target) {
        try {
            Path tmp = Files.createTempFile(target.getParent(), "child", ".jar");
            try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(tmp))) {
                for (Map.Entry<String, Path> source : childClasses().entrySet()) {
                    JarEntry entry = new JarEntry(PACKAGE_DIR + source.getKey());
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

    /** The child's class files by their path under {@code pwausers/bench/child/}, in a stable order. */
    private static Map<String, Path> childClasses() throws IOException {
        Path location;
        try {
            location = Path.of(LambdaLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Path dir;
        if (Files.isDirectory(location)) {
            dir = location.resolve(PACKAGE_DIR);
        } else {
            FileSystem zip = FileSystems.newFileSystem(location);
            dir = zip.getPath("/" + PACKAGE_DIR);
        }
        Map<String, Path> classes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(f -> f.getFileName().toString().endsWith(".class"))
                    .forEach(f -> classes.put(dir.relativize(f).toString().replace('\\', '/'), f));
        }
        return classes;
    }
}
