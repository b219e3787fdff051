package pwausers.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pwausers.function.contract.Environment;
import pwausers.function.contract.IdempotencyTable;
import pwausers.function.contract.PwaUsersTable;
import pwausers.function.contract.ResponseFields;
import pwausers.function.testkit.TestContext;
import pwausers.local.engine.ProjectFiles;
import pwausers.local.engine.SamTemplate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The function's SAM build, run as SAM CLI runs it (aws-lambda-builders' custom_make workflow): CodeUri's whole tree
 * copied to a scratch directory (all but .aws-sam and .git), then {@code make --makefile CODEURI/Makefile
 * build-AddPwaUser} in that scratch directory with ARTIFACTS_DIR set. Then the handler runs from what it left, as
 * Lambda's Java runtime loads it, against moto's DynamoDB. With node and npm on the PATH as traps: the build must not
 * call them.
 */
class SamBuildIT {
    private static final String FUNCTION = ProjectTemplate.FUNCTION;
    private static final SamTemplate TEMPLATE = ProjectTemplate.TEMPLATE;
    private static final String CRT_LIBRARY = "libaws-crt-jni.so";

    @TempDir
    static Path work;
    static Path built;

    @BeforeAll
    static void build() throws Exception {
        built = samBuild();
    }

    @Test
    void theBuild_leavesTheShadedJarInLib_whereLambdasJavaRuntimeLoadsIt_withoutNodeOrNpm() throws IOException {
        assertThat(files(built).keySet()).containsExactly("lib/add-pwa-user.jar", "lib/" + CRT_LIBRARY);
        assertThat(work.resolve("npm-was-called")).doesNotExist();
    }

    /** The CRT's native library beside the jar: the jar's own copy (same version), for the template's architecture. */
    @Test
    void theCrtsNativeLibrary_inLib_isTheJarsOwn_forTheTemplatesArchitecture() throws IOException {
        byte[] library = Files.readAllBytes(built.resolve("lib").resolve(CRT_LIBRARY));
        @SuppressWarnings("unchecked")
        List<String> architectures = (List<String>) TEMPLATE.properties(FUNCTION).get("Architectures");
        String natives = Map.of("x86_64", "linux/x86_64/glibc", "arm64", "linux/armv8/glibc").get(architectures.get(0));
        int elfMachine = Map.of("x86_64", 62, "arm64", 183).get(architectures.get(0)); // EM_X86_64, EM_AARCH64

        assertThat(architectures).hasSize(1);
        try (ZipFile jar = new ZipFile(built.resolve("lib/add-pwa-user.jar").toFile())) {
            ZipEntry entry = jar.getEntry(natives + "/" + CRT_LIBRARY);
            assertThat(entry).as("the jar's copy for %s", architectures).isNotNull();
            assertThat(library).isEqualTo(jar.getInputStream(entry).readAllBytes());
        }
        assertThat((library[18] & 0xff) | (library[19] & 0xff) << 8).as("ELF e_machine").isEqualTo(elfMachine);
    }

    /**
     * Two builds of the same sources, in two directories at two times, byte for byte the same: the SAM build's (a
     * scratch copy, no tests) and the function module's own in this build's reactor, the jar that the local stack's
     * and the bench's tests exercise.
     */
    @Test
    void theSamBuild_isByteForByteTheFunctionModulesOwnBuild() throws Exception {
        Path target = ProjectFiles.root().resolve("function/target");
        Map<String, Path> modules = Map.of("lib/add-pwa-user.jar", target.resolve("add-pwa-user.jar"),
                "lib/" + CRT_LIBRARY, target.resolve("lambda-lib").resolve(CRT_LIBRARY));
        Map<String, byte[]> sam = files(built);
        assertThat(sam.keySet()).isEqualTo(modules.keySet());
        for (Map.Entry<String, Path> module : modules.entrySet()) {
            assertThat(module.getValue()).as("the function module's build (./mvnw -q -pl function package)").exists();
            assertThat(sam.get(module.getKey())).as("%s, and %s (built from the sources now? else rebuild the function)",
                    module.getKey(), module.getValue()).isEqualTo(Files.readAllBytes(module.getValue()));
        }
    }

    @Test
    void theHandler_runFromTheBuild_asLambdaRunsIt_stores201() throws Exception {
        MotoServer moto = MotoServer.shared();
        String table = "SamBuildIT-" + PwaUsersTable.DEFAULT_NAME; // names of its own in the run's moto
        String idempotencyTable = "SamBuildIT-" + IdempotencyTable.DEFAULT_NAME;
        try (DynamoDbClient dynamoDb = moto.client(DynamoDbClient.builder())) {
            dynamoDb.createTable(TEMPLATE.createTableRequest(PwaUsersTable.LOGICAL_ID, table));
            dynamoDb.createTable(TEMPLATE.createTableRequest(IdempotencyTable.LOGICAL_ID, idempotencyTable));
            Map<String, String> env = new HashMap<>(moto.environment());
            env.put(Environment.TABLE_NAME, table);
            env.put(Environment.IDEMPOTENCY_TABLE_NAME, idempotencyTable);
            env.put(Environment.ALLOWED_ORIGIN, Environment.ANY_ORIGIN);
            env.put(Environment.FUNCTION_NAME, FUNCTION);
            env.put("LD_LIBRARY_PATH", built + File.pathSeparator + built.resolve("lib")); // /var/task, /var/task/lib

            String classPath = Path.of(LambdaJavaRuntimeStandIn.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    + File.pathSeparator
                    + Path.of(Context.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    + File.pathSeparator // the Lambda context stand-in
                    + Path.of(TestContext.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            ProcessBuilder java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", classPath, LambdaJavaRuntimeStandIn.class.getName(), built.toString(),
                    (String) TEMPLATE.properties(FUNCTION).get("Handler"),
                    ProjectFiles.eventsDir().resolve("workshop-test-event.json").toString())
                    .redirectError(work.resolve("handler.log").toFile());
            java.environment().putAll(env);
            Process process = java.start();
            String output = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(process.exitValue()).as("exit code; its log: %s", Files.readString(work.resolve("handler.log"))).isZero();

            JsonNode response = new ObjectMapper().readTree(output);
            assertThat(response.get("statusCode").asInt()).isEqualTo(201);
            String id = new ObjectMapper().readTree(response.get("body").asText()).get(ResponseFields.ID).asText();
            assertThat(Files.readAllLines(work.resolve("handler.log")).stream()
                    .filter(line -> line.startsWith(LambdaJavaRuntimeStandIn.NATIVE_LIBRARY))
                    .filter(line -> line.toLowerCase(Locale.ROOT).contains("crt")))
                    .as("the CRT's library: the package's copy, none unpacked to the temporary directory")
                    .containsExactly(LambdaJavaRuntimeStandIn.NATIVE_LIBRARY
                            + built.resolve("lib").resolve(CRT_LIBRARY).toRealPath());
            Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table)
                    .key(Map.of(PwaUsersTable.ID, AttributeValue.fromS(id)))).item();
            assertThat(item.get(PwaUsersTable.FIRSTNAME).s()).isEqualTo("Mickey");
        }
    }

    /** Runs what `sam build` does for the function, in a scratch directory; returns its ARTIFACTS_DIR. */
    private static Path samBuild() throws Exception {
        Path codeUri = ProjectFiles.root().resolve((String) TEMPLATE.properties(FUNCTION).get("CodeUri")).toRealPath();
        Path scratch = Files.createDirectories(work.resolve("scratch"));
        copyTree(codeUri, scratch, Set.of(".aws-sam", ".git"));
        Path artifacts = work.resolve("artifacts");
        Path log = work.resolve("make.log");

        ProcessBuilder make = new ProcessBuilder("make", "--makefile", codeUri.resolve("Makefile").toString(),
                "build-" + FUNCTION).directory(scratch.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        make.environment().put("ARTIFACTS_DIR", artifacts.toString());
        make.environment().put("PATH", traps() + File.pathSeparator + make.environment().get("PATH"));
        Process process = make.start();
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("make finished").isTrue();
        assertThat(process.exitValue()).as("make's exit code; its output:%n%s", Files.readString(log)).isZero();
        return artifacts;
    }

    /** A directory whose node and npm record that they were called, and fail. */
    private static Path traps() throws IOException {
        Path traps = work.resolve("traps");
        if (Files.isDirectory(traps)) {
            return traps;
        }
        Files.createDirectories(traps);
        for (String program : List.of("node", "npm", "npx")) {
            Path trap = traps.resolve(program);
            Files.writeString(trap, "#!/bin/sh\ntouch '" + work.resolve("npm-was-called") + "'\nexit 97\n");
            Files.setPosixFilePermissions(trap, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return traps;
    }

    /** shutil.copytree with ignore_patterns(*names), as aws-lambda-builders' CopySourceAction. */
    private static void copyTree(Path from, Path to, Set<String> ignored) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(from) && ignored.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!ignored.contains(file.getFileName().toString())) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Every file under a directory by its relative path, with its bytes. */
    private static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString().replace(File.separatorChar, '/'), Files.readAllBytes(file));
            }
        }
        return files;
    }
}
