package pwausers.local.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A function's package where its execution environments run it, as Lambda unpacks it in {@code /var/task} and as
 * {@code sam build} leaves it: the function's jar in {@code lib/} (and the native libraries beside it), or a folder's
 * classes at the top and its jars in {@code lib/}. It is a private copy of the built code, made at each load, so that a
 * rebuild cannot change the code that runs underneath; {@link #close()} deletes it once no environment runs it.
 */
final class TaskRoot implements AutoCloseable {
    /** Where function/pom.xml leaves the native libraries that function/Makefile puts in the package's lib/. */
    static final String MAVEN_NATIVES = "lambda-lib";
    private final Path dir;

    private TaskRoot(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    Path lib() {
        return dir.resolve("lib");
    }

    /**
     * The package of the code that CodeUri names, as {@link #builtCode} finds it, copied into a fresh folder.
     *
     * @throws IllegalStateException if that code is not built
     */
    static TaskRoot copyOf(Path codeUri) {
        List<Path> code = builtCode(codeUri);
        Path dir;
        try {
            dir = Files.createTempDirectory("pwa-users-task-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a task root for " + codeUri, e);
        }
        TaskRoot root = new TaskRoot(dir);
        try {
            Files.createDirectories(root.lib());
            for (Path part : code) {
                if (Files.isDirectory(part)) {
                    copyTree(part, dir);
                } else {
                    Files.copy(part, root.lib().resolve(part.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return root;
        } catch (IOException e) {
            root.close();
            throw new UncheckedIOException("cannot copy the function's code " + code + " into " + dir, e);
        }
    }

    /**
     * What runs for a CodeUri, the one rule for it: a jar or zip file is the function's code, as Lambda takes it; a
     * folder with a {@code pom.xml} is a Maven module, whose packaged jar runs ({@code target/NAME.jar}, NAME the
     * {@code finalName} its shade plugin or its build gives, else {@code artifactId-version}) with the native
     * libraries of {@code target/lambda-lib/}; any other folder is a deployment package as Lambda's Java runtime reads
     * one (and {@code sam build} leaves one): its classes at the top, its jars in {@code lib/}.
     *
     * @return the jars and libraries that go into {@code lib/}, or the one folder that is the package
     * @throws IllegalStateException if that code is not built
     */
    static List<Path> builtCode(Path codeUri) {
        if (Files.isRegularFile(codeUri)) {
            return List.of(codeUri);
        }
        if (Files.isRegularFile(codeUri.resolve("pom.xml"))) {
            Path target = codeUri.resolve("target");
            Path jar = target.resolve(MavenModule.finalName(codeUri.resolve("pom.xml")) + ".jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("the function's code is not built: no " + jar + " (the package of "
                        + codeUri + ", its CodeUri in template.yaml); ./pwa-users builds it");
            }
            List<Path> code = new ArrayList<>(List.of(jar));
            try (Stream<Path> natives = Files.list(target.resolve(MAVEN_NATIVES))) {
                natives.filter(Files::isRegularFile).sorted().forEach(code::add);
            } catch (NoSuchFileException none) {
                // a module without native libraries
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + target.resolve(MAVEN_NATIVES), e);
            }
            return code;
        }
        if (!Files.isDirectory(codeUri)) {
            throw new IllegalStateException("the function's code is not built: no " + codeUri
                    + " (its CodeUri in template.yaml)");
        }
        return List.of(codeUri);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path copy = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a leftover temporary folder is harmless
        }
    }
}
