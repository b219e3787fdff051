package pwausers.local.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a function's classes come from. On Lambda, the function's code (its jar: its classes and its dependencies)
 * is loaded by a class loader of its own, whose parent holds the runtime and the Lambda Java API
 * ({@code com.amazonaws.services.lambda.runtime}: Context, RequestStreamHandler, ...). {@link #artifact} does the
 * same here, for the code its CodeUri names ({@link #builtCode}): the function sees its own classes and dependencies, the Lambda API, and the JDK; never the local
 * stack's classes (Jetty, Jackson, its own SDK). Each load is a fresh loader over a private copy of the artifact, so
 * that a rebuild cannot change the code that runs underneath, and code loaded again is new code.
 */
public abstract class FunctionCode implements AutoCloseable {
    /** The packages of aws-lambda-java-core: the contract between the runtime and the function, shared with it. */
    private static final String LAMBDA_API = "com.amazonaws.services.lambda.runtime.";

    private FunctionCode() {
    }

    /** The class loader that loads the handler and everything it uses. */
    public abstract ClassLoader classLoader();

    /** Frees the loader (and its copy of the artifact) once no call runs this code any more. */
    @Override
    public abstract void close();

    /** The handler's classes from the local stack's own class path (the tests' functions). */
    public static FunctionCode classPath() {
        return new FunctionCode() {
            @Override
            public ClassLoader classLoader() {
                return FunctionCode.class.getClassLoader();
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * The function's built code, found from its CodeUri as {@link #builtCode} says, loaded apart from the local stack.
     *
     * @throws IllegalStateException if the code is not there (not built yet)
     */
    public static FunctionCode artifact(Path codeUri) {
        List<Path> code = builtCode(codeUri);
        List<Path> copies = new ArrayList<>();
        try {
            List<URL> urls = new ArrayList<>();
            for (Path part : code) {
                if (Files.isDirectory(part)) {
                    urls.add(part.toUri().toURL());
                } else {
                    Path copy = Files.createTempFile("pwa-users-function-", ".jar");
                    copies.add(copy);
                    Files.copy(part, copy, StandardCopyOption.REPLACE_EXISTING);
                    urls.add(copy.toUri().toURL());
                }
            }
            return new Isolated(new URLClassLoader("function " + codeUri.getFileName(), urls.toArray(URL[]::new),
                    new LambdaApiOnly(FunctionCode.class.getClassLoader())), copies);
        } catch (MalformedURLException e) {
            copies.forEach(FunctionCode::deleteQuietly);
            throw new IllegalArgumentException("not a path to code: " + codeUri, e);
        } catch (IOException e) {
            copies.forEach(FunctionCode::deleteQuietly);
            throw new UncheckedIOException("cannot copy the function's code " + codeUri, e);
        }
    }

    /**
     * What runs for a CodeUri, the one rule for it: a jar or zip file is the function's code, as Lambda takes it; a
     * folder with a {@code pom.xml} is a Maven module, whose packaged jar runs ({@code target/NAME.jar}, NAME the
     * {@code finalName} its shade plugin or its build gives, else {@code artifactId-version}); any other folder is a
     * deployment package as Lambda's Java runtime reads one (and {@code sam build} leaves one): its classes at the top,
     * its jars in {@code lib/}.
     *
     * @throws IllegalStateException if that code is not built
     */
    static List<Path> builtCode(Path codeUri) {
        if (Files.isRegularFile(codeUri)) {
            return List.of(codeUri);
        }
        if (Files.isRegularFile(codeUri.resolve("pom.xml"))) {
            Path jar = codeUri.resolve("target").resolve(MavenModule.finalName(codeUri.resolve("pom.xml")) + ".jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("the function's code is not built: no " + jar + " (the package of "
                        + codeUri + ", its CodeUri in template.yaml); ./pwa-users builds it");
            }
            return List.of(jar);
        }
        if (!Files.isDirectory(codeUri)) {
            throw new IllegalStateException("the function's code is not built: no " + codeUri
                    + " (its CodeUri in template.yaml)");
        }
        List<Path> code = new ArrayList<>(List.of(codeUri));
        try (Stream<Path> jars = Files.list(codeUri.resolve("lib"))) {
            jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(code::add);
        } catch (NoSuchFileException noLib) {
            // classes only
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + codeUri.resolve("lib"), e);
        }
        return code;
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover temporary file is harmless
        }
    }

    private static final class Isolated extends FunctionCode {
        private final URLClassLoader loader;
        private final List<Path> copies;

        Isolated(URLClassLoader loader, List<Path> copies) {
            this.loader = loader;
            this.copies = List.copyOf(copies);
        }

        @Override
        public ClassLoader classLoader() {
            return loader;
        }

        @Override
        public void close() {
            try {
                loader.close();
            } catch (IOException e) {
                // the copies go anyway
            }
            copies.forEach(FunctionCode::deleteQuietly);
        }
    }

    /**
     * The parent of a function's loader: the JDK (the platform class loader) and the Lambda Java API from the local
     * stack's class path; nothing else of the stack's.
     */
    private static final class LambdaApiOnly extends ClassLoader {
        private final ClassLoader stack;

        LambdaApiOnly(ClassLoader stack) {
            super("lambda-runtime-api", ClassLoader.getPlatformClassLoader());
            this.stack = stack;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (isLambdaApi(name)) {
                return stack.loadClass(name);
            }
            return super.loadClass(name, resolve);
        }

        /** com.amazonaws.services.lambda.runtime.X and its logging package, not the events or serialization libraries. */
        private static boolean isLambdaApi(String name) {
            if (!name.startsWith(LAMBDA_API)) {
                return false;
            }
            String rest = name.substring(LAMBDA_API.length());
            return rest.indexOf('.') < 0 || rest.startsWith("logging.") && rest.indexOf('.', "logging.".length()) < 0;
        }
    }
}
