package pwausers.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** loadtest --url's command line: what it refuses, and that it sends nothing before the user says yes. */
class LoadCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<String> asked = new ArrayList<>();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new LoadCommand(question -> {
            asked.add(question);
            return false;
        }));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void aDeclinedRun_printsThePlanAndItsCost_andSendsNothing() {
        // port 9 of this machine: nothing would answer, and nothing is sent
        assertThat(run("--url", "http://127.0.0.1:9", "--requests", "200")).isEqualTo(1);

        assertThat(asked).containsExactly("Send them to http://127.0.0.1:9? [y/N] ");
        assertThat(out.toString()).contains("200 submissions", "at most", "AWS charges nothing", "Nothing sent.")
                .doesNotContain("PASS", "FAIL");
    }

    @Test
    void theUrlNeedsACap_onSteadysRequests() {
        assertThat(run("--url", "http://127.0.0.1:9")).isEqualTo(2);
        assertThat(err.toString()).contains("--url needs --requests N");
        assertThat(asked).isEmpty();
    }

    @Test
    void scenariosThatBreakTheEngine_needTheLocalStack() {
        assertThat(run("--url", "http://127.0.0.1:9", "--requests", "5", "--scenario", "engine-kill")).isEqualTo(2);
        assertThat(err.toString()).contains("--scenario engine-kill needs the local stack", "steady, idempotency");
    }

    @Test
    void all_withAUrl_isEveryScenarioThatNeedsOnlyTheApi() {
        CommandLine cli = new CommandLine(new LoadCommand(question -> false));
        cli.parseArgs("--url", "http://127.0.0.1:9", "--scenario", "all");
        LoadCommand command = cli.getCommand();

        assertThat(command.options().scenarios()).isEqualTo(UrlLoadHarness.SCENARIOS);
    }

    @Test
    void aBadUrl_andTheUrlsOptionsWithoutOne_areRefused_namingTheFlag() {
        assertThat(run("--url", "ftp://example.com", "--requests", "5")).isEqualTo(2);
        assertThat(err.toString()).contains("--url: an http or https URL");
        assertThat(run("--clean-up")).isEqualTo(2);
        assertThat(err.toString()).contains("--clean-up goes with --url");
        assertThat(run("--yes")).isEqualTo(2);
        assertThat(err.toString()).contains("--yes goes with --url");
        assertThat(asked).isEmpty();
    }
}
