package pwausers.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static pwausers.function.contract.Environment.ALLOWED_ORIGIN;
import static pwausers.function.contract.Environment.ANY_ORIGIN;
import static pwausers.function.contract.Environment.IDEMPOTENCY_TABLE_NAME;
import static pwausers.function.contract.Environment.TABLE_NAME;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pwausers.function.contract.Environment;
import pwausers.function.contract.IdempotencyTable;
import pwausers.function.contract.PwaUsersTable;
import pwausers.function.testkit.TestContext;
import pwausers.local.engine.ProjectFiles;
import pwausers.local.engine.SamTemplate;
import pwausers.local.template.LocalFunction;
import pwausers.local.template.LocalValues;

/** The function's environment as SAM CLI composes it, and --env-vars files in SAM CLI's format. */
class FunctionEnvironmentTest {
    private static final String NAME = TestContext.FUNCTION_NAME;
    private static final LocalFunction FUNCTION = new LocalFunction(NAME, "x.Handler::handleRequest", 1024, 10,
            Map.of(TABLE_NAME, PwaUsersTable.DEFAULT_NAME, ALLOWED_ORIGIN, ANY_ORIGIN,
                    IDEMPOTENCY_TABLE_NAME, IdempotencyTable.DEFAULT_NAME), null);
    private static final Map<String, String> AWS = LocalAwsSettings.localEngine(URI.create("http://127.0.0.1:8123"));

    @TempDir
    Path tmp;

    private EnvVarsFile file(String json) throws IOException {
        Path file = tmp.resolve("env.json");
        Files.writeString(file, json);
        return EnvVarsFile.read(file);
    }

    @Test
    void theTemplatesValues_theLambdaVariables_andTheLocalEngine() {
        Map<String, String> env = FunctionEnvironment.of(FUNCTION, AWS, Map.of(), EnvVarsFile.none());

        assertThat(env).containsEntry(TABLE_NAME, PwaUsersTable.DEFAULT_NAME).containsEntry(ALLOWED_ORIGIN, ANY_ORIGIN)
                .containsEntry("AWS_LAMBDA_FUNCTION_NAME", NAME)
                .containsEntry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024")
                .containsEntry("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
                .containsEntry(Environment.ENDPOINT_URL_DYNAMODB, "http://127.0.0.1:8123")
                .containsEntry(Environment.REGION, LocalValues.REGION)
                .containsKeys(Environment.ACCESS_KEY_ID, Environment.SECRET_ACCESS_KEY);
    }

    @Test
    void theTemplatesLoggingConfig_setsLambdasLogFormatAndLevel_asLambdaDoes() {
        SamTemplate template = SamTemplate.read(ProjectFiles.template());
        LocalFunction byDefault = LocalFunction.of(new LocalValues(template, Map.of()), NAME);
        LocalFunction errorsOnly = LocalFunction.of(new LocalValues(template, Map.of("LogLevel", "ERROR")), NAME);

        assertThat(FunctionEnvironment.of(byDefault, AWS, Map.of(), EnvVarsFile.none()))
                .containsEntry(LocalFunction.LOG_FORMAT, "JSON").containsEntry(LocalFunction.LOG_LEVEL, "INFO");
        assertThat(FunctionEnvironment.of(errorsOnly, AWS, Map.of(), EnvVarsFile.none()))
                .containsEntry(LocalFunction.LOG_LEVEL, "ERROR");
    }

    @Test
    void theShell_overridesADeclaredVariable_andPassesNothingElse() {
        Map<String, String> env = FunctionEnvironment.of(FUNCTION, AWS,
                Map.of(TABLE_NAME, "FromShell", "HOME", "/home/me", "AWS_PROFILE", "prod"), EnvVarsFile.none());

        assertThat(env).containsEntry(TABLE_NAME, "FromShell").doesNotContainKeys("HOME", "AWS_PROFILE");
    }

    @Test
    void theFile_overridesTheShell_itsFunctionsEntryOverParameters_andUndeclaredNamesAreIgnored() throws IOException {
        EnvVarsFile overrides = file("""
                {"Parameters": {"%1$s": "ForAll", "%2$s": "https://all.example"},
                 "%3$s": {"%2$s": "https://mine.example", "NOT_DECLARED": "x"},
                 "OtherFunction": {"%1$s": "NotMine"}}
                """.formatted(TABLE_NAME, ALLOWED_ORIGIN, NAME));

        Map<String, String> env = FunctionEnvironment.of(FUNCTION, AWS, Map.of(TABLE_NAME, "FromShell"), overrides);

        assertThat(env).containsEntry(TABLE_NAME, "ForAll").containsEntry(ALLOWED_ORIGIN, "https://mine.example")
                .containsEntry(IDEMPOTENCY_TABLE_NAME, IdempotencyTable.DEFAULT_NAME).doesNotContainKey("NOT_DECLARED");
        assertThat(FunctionEnvironment.ignored(FUNCTION, overrides)).containsExactly("NOT_DECLARED");
        assertThat(FunctionEnvironment.notes(FUNCTION, Map.of(TABLE_NAME, "FromShell", ALLOWED_ORIGIN, "x"),
                EnvVarsFile.none())).containsExactly(
                NAME + "'s " + ALLOWED_ORIGIN
                        + " is your shell's, not template.yaml's (unset it to use the template's)",
                NAME + "'s " + TABLE_NAME + " is your shell's, not template.yaml's (unset it to use the template's)");
    }

    @Test
    void values_becomeText_asSamCliMakesThem() throws IOException {
        EnvVarsFile overrides = file("""
                {"%s": {"A": true, "B": false, "C": 42, "D": 1.5, "E": null, "F": [1], "G": {"x": 1}, "H": "é \\""}}
                """.formatted(NAME));

        assertThat(overrides.overridesFor(NAME)).containsEntry("A", "true").containsEntry("B", "false")
                .containsEntry("C", "42").containsEntry("D", "1.5").containsEntry("E", "").containsEntry("F", "")
                .containsEntry("G", "").containsEntry("H", "é \"");
        assertThat(overrides.overridesFor("Another")).isEmpty();
    }

    @Test
    void aFileNotInTheFormat_isRefused_sayingWhy() {
        assertThatThrownBy(() -> file("{\"" + NAME + "\": \"" + TABLE_NAME + "=x\"}"))
                .hasMessageContaining("\"" + NAME + "\"").hasMessageContaining("not an object of variables");
        assertThatThrownBy(() -> file("[]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> file("{\"" + NAME + "\": {\n  \"A\": }")).hasMessageContaining("is not JSON")
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> EnvVarsFile.read(tmp.resolve("absent.json"))).hasMessageContaining("no such file");
    }
}
