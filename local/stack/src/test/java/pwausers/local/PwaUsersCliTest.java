package pwausers.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The command line of ./pwa-users: help for every command, usage errors that name what is wrong, exit codes. */
class PwaUsersCliTest {
    record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PwaUsersCli.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "help"})
    void theHelp_listsEveryCommand_includingThoseOfOtherModules(String help) {
        Run run = run(help);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: ./pwa-users", "up ", "invoke ", "bench ", "loadtest ", "deploy ", "help ");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void upHelp_andInvokeHelp_exit0_withEveryOption() {
        Run up = run("up", "--help");
        assertThat(up.exitCode()).isZero();
        assertThat(up.out()).contains("Usage: ./pwa-users up", "--port", "--lambda-port", "--dynamodb-port", "--data",
                "--parameter", "--env-vars", "--no-reload");

        Run invoke = run("invoke", "--help");
        assertThat(invoke.exitCode()).isZero();
        assertThat(invoke.out()).contains("Usage: ./pwa-users invoke", "EVENT_FILE", "--function", "--parameter",
                "--env-vars");

        assertThat(run("help", "invoke").out()).isEqualTo(invoke.out());
    }

    @Test
    void theHelpOfTheCommandsOfOtherModules_answersHere_fromTheirOneDeclaration() {
        Run bench = run("bench", "--help");
        assertThat(bench.exitCode()).isZero();
        assertThat(bench.out()).contains("Usage: ./pwa-users bench", "--quick", "--rounds", "--only", "COLD, WARM",
                "--java25", "Timings need a quiet machine");

        Run loadtest = run("loadtest", "-h");
        assertThat(loadtest.exitCode()).isZero();
        assertThat(loadtest.out()).contains("Usage: ./pwa-users loadtest", "--scenario", "engine-kill",
                "--clients", "(default: 32)");

        Run deploy = run("deploy", "--web-only", "--help");
        assertThat(deploy.exitCode()).isZero();
        assertThat(deploy.out()).contains("Usage: ./pwa-users deploy", "--stack-name", "--parameter", "--web-only",
                "SAM CLI", "credentials");
        assertThat(run("help", "deploy").out()).isEqualTo(deploy.out());
    }

    @Test
    void noCommand_isAUsageError_withTheUsage() {
        Run run = run();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("which command?", "--help");
    }

    @Test
    void usageErrors_nameTheFlag_andExit2() {
        Run badPort = run("up", "--port", "seventy");
        assertThat(badPort.exitCode()).isEqualTo(2);
        assertThat(badPort.err()).contains("pwa-users up:", "'--port'", "seventy", "./pwa-users up --help");

        Run outOfRange = run("up", "--dynamodb-port", "70000");
        assertThat(outOfRange.exitCode()).isEqualTo(2);
        assertThat(outOfRange.err()).contains("'--dynamodb-port'", "70000");

        Run unknown = run("up", "--prot", "3000");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--prot");

        Run noValue = run("up", "--data");
        assertThat(noValue.exitCode()).isEqualTo(2);
        assertThat(noValue.err()).contains("--data");

        Run noEvent = run("invoke");
        assertThat(noEvent.exitCode()).isEqualTo(2);
        assertThat(noEvent.err()).contains("pwa-users invoke:", "EVENT_FILE");

        Run invokeUnknown = run("invoke", "events/workshop-test-event.json", "--bogus");
        assertThat(invokeUnknown.exitCode()).isEqualTo(2);
        assertThat(invokeUnknown.err()).contains("--bogus");
    }

    @Test
    void anUnknownCommand_isAUsageError_namingIt() {
        Run run = run("deplyo");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("deplyo");
    }

    @Test
    void aCommandOfAnotherModule_reachedHere_pointsToTheScript() {
        Run run = run("bench", "--quick");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("./pwa-users bench");
    }
}
