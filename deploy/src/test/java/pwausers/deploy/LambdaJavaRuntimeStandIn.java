package pwausers.deploy;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import pwausers.function.contract.Environment;
import pwausers.function.testkit.TestContext;

/**
 * Runs a handler from a deployment directory as Lambda's Java runtime does (aws-lambda-java-runtime-interface-client,
 * CustomerClassLoader): a class loader over the task root, then its lib/*.jar in lexical order, whose parent holds
 * the runtime's own aws-lambda-java-core; the handler by name, its no-argument constructor, handleRequest with the
 * event, with the repository's one Lambda context stand-in (the function's test kit; its name from
 * {@code AWS_LAMBDA_FUNCTION_NAME}, as Lambda's runtime reads it). Prints the handler's output on stdout; its log goes
 * to stderr, and after it the native libraries the JVM mapped from outside the JDK and the system (whether the CRT
 * loaded the package's copy or unpacked its own).
 *
 * <p>{@code java -cp <this class, aws-lambda-java-core and the function's test kit>
 * pwausers.deploy.LambdaJavaRuntimeStandIn TASK_ROOT HANDLER EVENT_FILE}
 */
public final class LambdaJavaRuntimeStandIn {
    public static void main(String[] args) throws Exception {
        Path taskRoot = Path.of(args[0]);
        String handlerClass = args[1].contains("::") ? args[1].substring(0, args[1].indexOf("::")) : args[1];
        byte[] event = Files.readAllBytes(Path.of(args[2]));

        List<URL> urls = new ArrayList<>(List.of(taskRoot.toUri().toURL()));
        String[] jars = taskRoot.resolve("lib").toFile().list((dir, name) -> name.endsWith(".jar"));
        if (jars != null) {
            Arrays.sort(jars);
            for (String jar : jars) {
                urls.add(new File(taskRoot.resolve("lib").toFile(), jar).toURI().toURL());
            }
        }
        try (URLClassLoader customer = new URLClassLoader(urls.toArray(URL[]::new),
                LambdaJavaRuntimeStandIn.class.getClassLoader())) {
            Thread.currentThread().setContextClassLoader(customer);
            Object handler = Class.forName(handlerClass, true, customer).getConstructor().newInstance();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            try (InputStream input = new java.io.ByteArrayInputStream(event)) {
                ((RequestStreamHandler) handler).handleRequest(input, output, TestContext.forHarness(
                        UUID.randomUUID().toString(), System.getenv(Environment.FUNCTION_NAME), System.err));
            }
            System.out.println(output.toString(StandardCharsets.UTF_8));
        }
        nativeLibraries().forEach(library -> System.err.println(NATIVE_LIBRARY + library));
    }

    /** What the stand-in's log says of each native library the JVM mapped from a file other than the JDK's. */
    static final String NATIVE_LIBRARY = "stand-in: native library mapped: ";

    /** The shared libraries this process has mapped, outside the JDK (which copy of a library was loaded, and from where). */
    private static Set<String> nativeLibraries() throws IOException {
        String jdk = Path.of(System.getProperty("java.home")).toRealPath().toString();
        try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
            return maps.filter(line -> line.contains("/") && line.contains(".so"))
                    .map(line -> line.substring(line.indexOf('/')))
                    .filter(file -> !file.startsWith(jdk) && !file.startsWith("/usr/") && !file.startsWith("/lib"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
