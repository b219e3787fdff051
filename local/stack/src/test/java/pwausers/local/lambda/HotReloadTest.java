package pwausers.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pwausers.function.contract.Environment;
import pwausers.local.template.LocalFunction;

/**
 * The function's code run apart from the stack (its own JVM, Lambda's runtime client), and hot reload: a real compiler
 * builds a small handler into a jar (its CodeUri); an edit to its source is built and runs in fresh environments; a
 * compile error leaves the old code serving.
 */
class HotReloadTest {
    @TempDir
    Path tmp;
    private Path module;
    private Path source;
    private Path jar;
    private final ByteArrayOutputStream consoleBytes = new ByteArrayOutputStream();
    private final PrintStream console = new PrintStream(consoleBytes, true, StandardCharsets.UTF_8);
    private FunctionRunner runner;
    private HotReload reload;

    /** A handler that says which version it is, what the environment gave it, and which classes it can see. */
    private static String handler(String version) {
        return """
                package reloaded;

                import com.amazonaws.services.lambda.runtime.Context;
                import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
                import java.io.InputStream;
                import java.io.OutputStream;

                public class Handler implements RequestStreamHandler {
                    private final String table;

                    public Handler() {
                        this.table = System.getenv("TABLE_NAME");
                    }

                    @Override
                    public void handleRequest(InputStream in, OutputStream out, Context context) throws java.io.IOException {
                        String answer = "%s table=" + table + " stack=" + sees("pwausers.local.lambda.FunctionRunner")
                                + " jackson=" + sees("com.fasterxml.jackson.databind.ObjectMapper")
                                + " jetty=" + sees("org.eclipse.jetty.server.Server")
                                + " lambdaApi=" + sees("com.amazonaws.services.lambda.runtime.Context");
                        out.write(answer.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    }

                    private static boolean sees(String name) {
                        try {
                            Class.forName(name, false, Handler.class.getClassLoader());
                            return true;
                        } catch (ClassNotFoundException e) {
                            return false;
                        }
                    }
                }
                """.formatted(version);
    }

    /** Compiles the module's sources into its jar: empty when it succeeded, else the compiler's messages. */
    private List<String> build() throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Path classes = Files.createTempDirectory(tmp, "classes");
        List<Path> sources;
        try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            boolean compiled = compiler.getTask(new StringWriter(), files, diagnostics,
                    List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path")), null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            if (!compiled) {
                List<String> errors = new ArrayList<>();
                diagnostics.getDiagnostics().forEach(d -> errors.add(d.getSource().getName() + ":" + d.getLineNumber()
                        + ": " + d.getMessage(null)));
                return errors;
            }
        }
        Files.createDirectories(jar.getParent());
        Path next = jar.resolveSibling("next.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(next)); Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new ZipEntry(classes.relativize(file).toString()));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        Files.move(next, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return List.of();
    }

    @BeforeEach
    void buildVersion1() throws IOException {
        module = tmp.resolve("module");
        source = module.resolve("src/main/java/reloaded/Handler.java");
        jar = module.resolve("target/handler.jar");
        Files.createDirectories(source.getParent());
        Files.writeString(module.resolve("pom.xml"), "<project/>");
        Files.writeString(source, handler("v1"));
        assertThat(build()).isEmpty();
        runner = new FunctionRunner(new LocalFunction("Reloaded", "reloaded.Handler::handleRequest", 128, 10,
                Map.of(Environment.TABLE_NAME, "Items"), jar), new PrintStream(OutputStream.nullOutputStream()));
    }

    @AfterEach
    void stop() {
        if (reload != null) {
            reload.close();
        }
        runner.close();
    }

    private String call() {
        FunctionRunner.Result result = runner.invoke("{}".getBytes(StandardCharsets.UTF_8));
        assertThat(result.kind()).as(result.toString()).isEqualTo(FunctionRunner.Kind.ANSWERED);
        return new String(result.output(), StandardCharsets.UTF_8);
    }

    private String console() {
        return consoleBytes.toString(StandardCharsets.UTF_8);
    }

    /** Polls the condition until it holds, for at most 60 s. */
    private static void await(String what, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 60 s: " + what);
            }
            Thread.sleep(50);
        }
    }

    private void startReload() {
        reload = new HotReload(module, tmp, this::build, List.of(runner), console);
        reload.startWatching();
    }

    @Test
    void theFunction_seesItsOwnCode_theLambdaApi_andTheJdk_butNoneOfTheStacksClasses() {
        assertThat(call()).isEqualTo("v1 table=Items stack=false jackson=false jetty=false lambdaApi=true");
    }

    @Test
    void anEditedSource_isBuiltAndSwappedIn_withOneLineSayingSo() throws Exception {
        startReload();
        assertThat(call()).startsWith("v1 ");

        Files.writeString(source, handler("v2"));

        await("the reload", () -> console().contains("runs the new code"));
        assertThat(call()).isEqualTo("v2 table=Items stack=false jackson=false jetty=false lambdaApi=true");
        assertThat(console()).contains("module/src/main/java/reloaded/Handler.java changed; building module/")
                .contains("Reloaded runs the new code from its next request");
    }

    @Test
    void aCompileError_isShown_andTheOldCodeKeepsServing() throws Exception {
        startReload();

        Files.writeString(source, handler("v2").replace("private final String table;", "private final String table"));

        await("the failed build and its error lines (printed after its first line)",
                () -> console().contains("the build failed") && console().contains("Handler.java:9"));
        assertThat(console()).contains("Reloaded keeps running the code it had", "Handler.java:9")
                .doesNotContain("runs the new code");
        assertThat(call()).startsWith("v1 ");

        Files.writeString(source, handler("v3"));
        await("the reload after the fix", () -> console().contains("runs the new code"));
        assertThat(call()).startsWith("v3 ");
    }

    @Test
    void aReload_startsAFreshProcessOnTheNewCode_andTheOldOneStops() throws Exception {
        assertThat(call()).startsWith("v1 ");
        List<Long> before = runner.pids();
        ProcessHandle old = ProcessHandle.of(before.get(0)).orElseThrow();

        Files.writeString(source, handler("v2"));
        assertThat(build()).isEmpty();
        runner.reload();

        assertThat(call()).startsWith("v2 ");
        assertThat(runner.pids()).doesNotContainAnyElementsOf(before);
        assertThat(old.onExit()).as("the old environment's process ends").succeedsWithin(Duration.ofSeconds(30));
    }
}
