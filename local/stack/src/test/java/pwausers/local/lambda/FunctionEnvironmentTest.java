package pwausers.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pwausers.function.testing.TestContext;
import pwausers.local.engine.ProjectFiles;
import pwausers.local.engine.SamTemplate;
import pwausers.local.template.LocalFunction;
import pwausers.local.template.LocalValues;

/** The function's environment as SAM CLI composes it, and --env-vars files in SAM CLI's format. */
class FunctionEnvironmentTest {
    private static final LocalFunction FUNCTION = new LocalFunction("AddPwaUser", "x.Handler::handleRequest", 1024, 10,
            Map.of("TABLE_NAME", "PwaUsers", "ALLOWED_ORIGIN", "*", "IDEMPOTENCY_TABLE_NAME", "PwaUsersIdempotency"));
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

        assertThat(env).containsEntry("TABLE_NAME", "PwaUsers").containsEntry("ALLOWED_ORIGIN", "*")
                .containsEntry("AWS_LAMBDA_FUNCTION_NAME", "AddPwaUser")
                .containsEntry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024")
                .containsEntry("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
                .containsEntry("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8123")
                .containsEntry("AWS_REGION", "us-east-1")
                .containsKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
    }

    @Test
    void theTemplatesLoggingConfig_setsLambdasLogFormatAndLevel_asLambdaDoes() {
        SamTemplate template = SamTemplate.read(ProjectFiles.template());
        LocalFunction byDefault = LocalFunction.of(new LocalValues(template, Map.of()), TestContext.FUNCTION_NAME);
        LocalFunction errorsOnly = LocalFunction.of(new LocalValues(template, Map.of("LogLevel", "ERROR")),
                TestContext.FUNCTION_NAME);

        assertThat(FunctionEnvironment.of(byDefault, AWS, Map.of(), EnvVarsFile.none()))
                .containsEntry(LocalFunction.LOG_FORMAT, "JSON").containsEntry(LocalFunction.LOG_LEVEL, "INFO");
        assertThat(FunctionEnvironment.of(errorsOnly, AWS, Map.of(), EnvVarsFile.none()))
                .containsEntry(LocalFunction.LOG_LEVEL, "ERROR");
    }

    @Test
    void theShell_overridesADeclaredVariable_andPassesNothingElse() {
        Map<String, String> env = FunctionEnvironment.of(FUNCTION, AWS,
                Map.of("TABLE_NAME", "FromShell", "HOME", "/home/me", "AWS_PROFILE", "prod"), EnvVarsFile.none());

        assertThat(env).containsEntry("TABLE_NAME", "FromShell").doesNotContainKeys("HOME", "AWS_PROFILE");
    }

    @Test
    void theFile_overridesTheShell_itsFunctionsEntryOverParameters_andUndeclaredNamesAreIgnored() throws IOException {
        EnvVarsFile overrides = file("""
                {"Parameters": {"TABLE_NAME": "ForAll", "ALLOWED_ORIGIN": "https://all.example"},
                 "AddPwaUser": {"ALLOWED_ORIGIN": "https://mine.example", "NOT_DECLARED": "x"},
                 "OtherFunction": {"TABLE_NAME": "NotMine"}}
                """);

        Map<String, String> env = FunctionEnvironment.of(FUNCTION, AWS, Map.of("TABLE_NAME", "FromShell"), overrides);

        assertThat(env).containsEntry("TABLE_NAME", "ForAll").containsEntry("ALLOWED_ORIGIN", "https://mine.example")
                .containsEntry("IDEMPOTENCY_TABLE_NAME", "PwaUsersIdempotency").doesNotContainKey("NOT_DECLARED");
        assertThat(FunctionEnvironment.ignored(FUNCTION, overrides)).containsExactly("NOT_DECLARED");
        assertThat(FunctionEnvironment.notes(FUNCTION, Map.of("TABLE_NAME", "FromShell", "ALLOWED_ORIGIN", "x"),
                EnvVarsFile.none())).containsExactly(
                "AddPwaUser's ALLOWED_ORIGIN is your shell's, not template.yaml's (unset it to use the template's)",
                "AddPwaUser's TABLE_NAME is your shell's, not template.yaml's (unset it to use the template's)");
    }

    @Test
    void values_becomeText_asSamCliMakesThem() throws IOException {
        EnvVarsFile overrides = file("""
                {"AddPwaUser": {"A": true, "B": false, "C": 42, "D": 1.5, "E": null, "F": [1], "G": {"x": 1}, "H": "é \\""}}
                """);

        assertThat(overrides.overridesFor("AddPwaUser")).containsEntry("A", "true").containsEntry("B", "false")
                .containsEntry("C", "42").containsEntry("D", "1.5").containsEntry("E", "").containsEntry("F", "")
                .containsEntry("G", "").containsEntry("H", "é \"");
        assertThat(overrides.overridesFor("Another")).isEmpty();
    }

    @Test
    void aFileNotInTheFormat_isRefused_sayingWhy() {
        assertThatThrownBy(() -> file("{\"AddPwaUser\": \"TABLE_NAME=x\"}"))
                .hasMessageContaining("\"AddPwaUser\"").hasMessageContaining("not an object of variables");
        assertThatThrownBy(() -> file("[]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> file("{\"AddPwaUser\": {\n  \"A\": }")).hasMessageContaining("is not JSON")
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> EnvVarsFile.read(tmp.resolve("absent.json"))).hasMessageContaining("no such file");
    }
}
