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
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Where a function's classes come from. On Lambda, the function's code (its jar: its classes and its dependencies)
 * is loaded by a class loader of its own, whose parent holds the runtime and the Lambda Java API
 * ({@code com.amazonaws.services.lambda.runtime}: Context, RequestStreamHandler, ...). {@link Artifact} does the same
 * here, for the code its CodeUri names ({@link #builtCode}): the function sees its own classes and dependencies, the
 * Lambda API, and the JDK; never the local stack's classes (Jetty, Jackson, its own SDK).
 *
 * <p>Its loaders come in two layers, so that it can be loaded again: the function's own classes (the handler's
 * package and below) in a fresh loader at each load, over a loader of its libraries (everything else in the code)
 * that is kept from one load to the next while those libraries are byte for byte the same. A reload after an edit
 * then loads only the function's classes again, and a library that cannot be unloaded (the AWS CRT registers a JVM
 * shutdown hook and starts native threads) is loaded once. Each loader reads a private copy of the code, so that a
 * rebuild cannot change the code that runs underneath.
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
     * The loads of one function's built code, found from its CodeUri as {@link #builtCode} says; its libraries' loader
     * is shared by the loads while the libraries do not change.
     */
    public static final class Artifact implements AutoCloseable {
        private final Path codeUri;
        /** The function's own classes and resources: the handler's package and below, as a path ("pwausers/function/"). */
        private final String own;
        private final List<Libraries> libraries = new ArrayList<>();

        /** @param handlerClass the handler's class name, whose package holds the function's own classes */
        public Artifact(Path codeUri, String handlerClass) {
            this.codeUri = codeUri;
            int dot = handlerClass.lastIndexOf('.');
            this.own = dot < 0 ? "" : handlerClass.substring(0, dot + 1).replace('.', '/');
        }

        /**
         * Loads the code as it is now: the function's own classes in a fresh loader, over the libraries' loader of the
         * previous load if the libraries are the same, else over a new one.
         *
         * @throws IllegalStateException if the code is not there (not built yet)
         */
        public synchronized FunctionCode load() {
            List<Path> code = builtCode(codeUri);
            Map<String, Long> fingerprint = librariesFingerprint(code);
            Libraries current = libraries.isEmpty() ? null : libraries.get(libraries.size() - 1);
            if (current == null || !current.fingerprint.equals(fingerprint)) {
                current = new Libraries(fingerprint, copies(code), own);
                libraries.add(current);
            }
            List<Path> copies = copies(code);
            return new Isolated(new URLClassLoader("function " + codeUri.getFileName(), urls(copies),
                    current.loader), copies);
        }

        /** Closes the libraries' loaders (when the function stops: no call runs any more). */
        @Override
        public synchronized void close() {
            libraries.forEach(Libraries::close);
            libraries.clear();
        }

        /** Each library entry of the code (not the function's own) with its CRC, or its size and time in a folder. */
        private Map<String, Long> librariesFingerprint(List<Path> code) {
            Map<String, Long> fingerprint = new TreeMap<>();
            for (int i = 0; i < code.size(); i++) {
                Path part = code.get(i);
                String key = i + ":";
                try {
                    if (Files.isDirectory(part)) {
                        try (Stream<Path> files = Files.walk(part)) {
                            for (Path file : files.filter(Files::isRegularFile).toList()) {
                                String name = part.relativize(file).toString().replace('\\', '/');
                                if (!name.startsWith(own) && !name.startsWith("lib/")) {
                                    fingerprint.put(key + name, Files.size(file) * 31 + Files.getLastModifiedTime(file).toMillis());
                                }
                            }
                        }
                    } else {
                        try (ZipFile zip = new ZipFile(part.toFile())) {
                            zip.stream().filter(e -> !e.isDirectory() && !e.getName().startsWith(own))
                                    .forEach(e -> fingerprint.put(key + e.getName(), e.getCrc()));
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the function's code " + part, e);
                }
            }
            return fingerprint;
        }
    }

    /** The copies of the code's jars (folders are read in place). */
    private static List<Path> copies(List<Path> code) {
        List<Path> copies = new ArrayList<>();
        try {
            for (Path part : code) {
                if (Files.isDirectory(part)) {
                    copies.add(part);
                } else {
                    Path copy = Files.createTempFile("pwa-users-function-", ".jar");
                    copies.add(copy);
                    Files.copy(part, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return copies;
        } catch (IOException e) {
            deleteCopies(copies);
            throw new UncheckedIOException("cannot copy the function's code " + code, e);
        }
    }

    private static URL[] urls(List<Path> parts) {
        try {
            List<URL> urls = new ArrayList<>();
            for (Path part : parts) {
                urls.add(part.toUri().toURL());
            }
            return urls.toArray(URL[]::new);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a path to code: " + parts, e);
        }
    }

    /** Closes a loader's jars, then deletes its copies of them. */
    private static void closeLoader(URLClassLoader loader, List<Path> copies) {
        try {
            loader.close();
        } catch (IOException e) {
            // the copies go anyway
        }
        deleteCopies(copies);
    }

    private static void deleteCopies(List<Path> copies) {
        copies.stream().filter(Files::isRegularFile).forEach(FunctionCode::deleteQuietly);
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
            closeLoader(loader, copies);
        }
    }

    /**
     * The loader of a function's libraries: everything in its code but its own classes and resources, which it
     * leaves to the function's loader below it.
     */
    private static final class Libraries implements AutoCloseable {
        final Map<String, Long> fingerprint;
        final URLClassLoader loader;
        private final List<Path> copies;

        Libraries(Map<String, Long> fingerprint, List<Path> copies, String own) {
            this.fingerprint = fingerprint;
            this.copies = copies;
            this.loader = new URLClassLoader("function libraries", urls(copies),
                    new LambdaApiOnly(FunctionCode.class.getClassLoader())) {
                @Override
                protected Class<?> findClass(String name) throws ClassNotFoundException {
                    if (name.replace('.', '/').startsWith(own)) {
                        throw new ClassNotFoundException(name); // the function's own: its loader has it
                    }
                    return super.findClass(name);
                }

                @Override
                public URL findResource(String name) {
                    return name.startsWith(own) ? null : super.findResource(name);
                }

                @Override
                public Enumeration<URL> findResources(String name) throws IOException {
                    return name.startsWith(own) ? Collections.emptyEnumeration() : super.findResources(name);
                }
            };
        }

        @Override
        public void close() {
            closeLoader(loader, copies);
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
