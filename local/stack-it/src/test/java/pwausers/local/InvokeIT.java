package pwausers.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pwausers.function.contract.Environment;
import pwausers.function.contract.PwaUsersTable;
import pwausers.function.contract.ResponseFields;
import pwausers.local.engine.Dynalite;
import pwausers.local.engine.LocalTables;
import pwausers.local.engine.ProjectFiles;
import pwausers.local.engine.SamTemplate;
import pwausers.local.testing.JsonTrees;
import pwausers.local.testing.UpProcess;

/**
 * {@code ./pwa-users invoke}, run as a process with the command line the script ends with, against dynalite.
 * (The script itself only adds the build step, which cannot run inside this build.)
 */
class InvokeIT {
    private static Dynalite dynalite;

    @BeforeAll
    static void startEngine() {
        dynalite = Dynalite.start();
        LocalTables.ensureTable(dynalite.client(), SamTemplate.read(ProjectFiles.template()), PwaUsersTable.LOGICAL_ID,
                PwaUsersTable.DEFAULT_NAME);
    }

    @AfterAll
    static void stopEngine() {
        dynalite.close();
    }

    record Run(int exitCode, String stdout, String stderr) {
        JsonNode result() {
            return JsonTrees.tree(stdout);
        }
    }

    static Run invoke(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path target = Path.of("target").toAbsolutePath();
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(UpProcess.jvmFlags("invoke"));
        command.add("-Dpwausers.root=" + ProjectFiles.root());
        List<String> rest = new java.util.ArrayList<>(List.of(args));
        while (!rest.isEmpty() && rest.get(0).startsWith("-D")) {
            command.add(rest.remove(0)); // a system property for the JVM
        }
        command.addAll(List.of("-cp", UpProcess.CLASS_PATH, "pwausers.local.PwaUsersCli"));
        command.addAll(rest);
        ProcessBuilder builder = new ProcessBuilder(command).directory(ProjectFiles.root().toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.equals(Environment.TABLE_NAME)
                || k.equals(Environment.IDEMPOTENCY_TABLE_NAME) || k.equals(Environment.ALLOWED_ORIGIN));
        builder.environment().put("HOME", target.toString()); // no ~/.aws of the machine's
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8).strip(),
                new String(err, StandardCharsets.UTF_8));
    }

    private static Map<String, String> local() {
        return Map.of(Environment.ENDPOINT_URL_DYNAMODB, dynalite.endpoint().toString());
    }

    @Test
    void theWorkshopEvent_prints201_andTheItemIsInTheTable() throws Exception {
        Run run = invoke(local(), "invoke", "events/workshop-test-event.json");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode result = run.result();
        assertThat(result.required("statusCode").asText()).isEqualTo("201");
        String body = result.required("body").asText();
        JsonNode answer = JsonTrees.tree(body);
        String id = answer.required(ResponseFields.ID).asText();
        assertThat(answer.fieldNames()).toIterable().containsExactly(ResponseFields.ID, ResponseFields.FIRSTNAME,
                ResponseFields.LASTNAME, ResponseFields.MESSAGE);
        assertThat(answer.required(ResponseFields.FIRSTNAME).asText()).isEqualTo("Mickey");
        assertThat(answer.required(ResponseFields.LASTNAME).asText()).isEqualTo("Mouse");
        assertThat(answer.required(ResponseFields.MESSAGE).asText())
                .isEqualTo(ResponseFields.CREATED_MESSAGE);
        assertThat(dynalite.client().getItem(b -> b.tableName(PwaUsersTable.DEFAULT_NAME)
                .key(Map.of(PwaUsersTable.ID, software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(id))))
                .item()).containsKeys(PwaUsersTable.ID, PwaUsersTable.FIRSTNAME, PwaUsersTable.LASTNAME,
                        PwaUsersTable.CREATED_AT);
        assertThat(run.stderr()).contains("\"status\":201").doesNotContain("Mickey")
                .contains("DynamoDB at " + dynalite.endpoint() + " (AWS_ENDPOINT_URL_DYNAMODB)");
    }

    @Test
    void aBadEvent_printsItsRefusal_andStillExits0() throws Exception {
        Run run = invoke(local(), "invoke", "events/bad-missing-lname.json");

        assertThat(run.exitCode()).isZero();
        assertThat(run.result().required("statusCode").asText()).isEqualTo("400");
    }

    @Test
    void tableName_isTakenFromTheEnvironment() throws Exception {
        Map<String, String> env = new java.util.HashMap<>(local());
        env.put(Environment.TABLE_NAME, "NoSuchTable");

        Run run = invoke(env, "invoke", "events/workshop-test-event.json");

        assertThat(run.result().required("statusCode").asText()).isEqualTo("500");
    }

    @Test
    void envVars_inSamCliFormat_overrideTheTemplate_andTheShell() throws Exception {
        Path envVars = Files.createTempFile(Path.of("target").toAbsolutePath(), "env-vars-", ".json");
        try {
            Files.writeString(envVars, "{\"Parameters\": {\"" + Environment.TABLE_NAME + "\": \"NoSuchTable\"}}");
            Map<String, String> env = new java.util.HashMap<>(local());
            env.put(Environment.TABLE_NAME, PwaUsersTable.DEFAULT_NAME);

            Run run = invoke(env, "invoke", "events/workshop-test-event.json", "--env-vars", envVars.toString());

            assertThat(run.exitCode()).as(run.stderr()).isZero();
            assertThat(run.result().required("statusCode").asText()).as(run.stderr()).isEqualTo("500");
        } finally {
            Files.delete(envVars);
        }
    }

    @Test
    void withNoEngineAndNoUp_itSaysPlainlyThatItWouldCallAws() throws Exception {
        Path noState = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "no-up-");
        try {
            Run run = invoke(Map.of(), "-Dpwausers.stateDir=" + noState, "invoke", "events/workshop-test-event.json");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.stderr()).contains("no ./pwa-users up is running", "DynamoDB in AWS", "no AWS region");
            assertThat(run.stdout()).isEmpty();
        } finally {
            Files.delete(noState);
        }
    }

    @Test
    void withAnUpOfThisCloneStillStarting_itRefusesRatherThanCallAws() throws Exception {
        Path state = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "starting-up-");
        Path starting = state.resolve("up-" + ProcessHandle.current().pid() + ".properties"); // this JVM stands for it
        try {
            Files.writeString(starting, "pid=" + ProcessHandle.current().pid() + "\n"); // no endpoint yet

            Run run = invoke(Map.of(), "-Dpwausers.stateDir=" + state, "invoke", "events/workshop-test-event.json");

            assertThat(run.exitCode()).as(run.stderr()).isEqualTo(2);
            assertThat(run.stderr()).contains("(pid " + ProcessHandle.current().pid() + ") is still starting")
                    .doesNotContain("DynamoDB in AWS");
            assertThat(run.stdout()).isEmpty();
        } finally {
            Files.deleteIfExists(starting);
            Files.delete(state);
        }
    }

    @Test
    void aMissingEventFile_isAClearErrorWithExit2() throws Exception {
        Run run = invoke(local(), "invoke", "events/no-such-event.json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("no such event file: events/no-such-event.json");
        assertThat(run.stdout()).isEmpty();
    }
}
