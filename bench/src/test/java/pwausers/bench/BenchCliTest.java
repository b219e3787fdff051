package pwausers.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import pwausers.bench.load.Scenario;
import pwausers.bench.rig.BenchSettings;
import pwausers.cli.BenchArguments.Section;

/** The command lines of bench and loadtest: help, defaults, and errors that name the flag. */
class BenchCliTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = BenchCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void everyCommandAnswersHelp_withExitZero() {
        for (List<String> args : List.of(List.of("--help"), List.of("bench", "--help"), List.of("loadtest", "--help"),
                List.of("bench", "-h"), List.of("help", "loadtest"))) {
            out.getBuffer().setLength(0);
            assertThat(run(args.toArray(String[]::new))).as(String.join(" ", args)).isZero();
            assertThat(out.toString()).as(String.join(" ", args)).contains("Usage: pwa-users");
        }
        run("bench", "--help");
        assertThat(out.toString()).contains("--quick", "--rounds", "--only", "--java25");
    }

    @Test
    void theHelpOfScenario_namesEveryScenario() {
        assertThat(run("loadtest", "--help")).isZero();
        for (Scenario scenario : Scenario.values()) {
            assertThat(out.toString()).contains(scenario.flagName());
        }
    }

    @Test
    void anUnknownOption_isRefusedWithExitTwo_namingIt() {
        assertThat(run("bench", "--colds", "3")).isEqualTo(2);
        assertThat(err.toString()).contains("--colds");
    }

    @Test
    void aBadValue_isRefused_namingTheFlag() {
        assertThat(run("bench", "--rounds", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--rounds must be at least 1");
        assertThat(run("loadtest", "--clients", "many")).isEqualTo(2);
        assertThat(err.toString()).contains("--clients");
        assertThat(run("loadtest", "--scenario", "earthquake")).isEqualTo(2);
        assertThat(err.toString()).contains("--scenario", "engine-kill");
    }

    @Test
    void quick_isAShortRun_andItsPartsCanBeChosen() {
        CommandLine cli = BenchCli.commandLine();
        cli.parseArgs("bench", "--quick", "--only", "cold,gateway", "--calls", "80");
        BenchCommand bench = cli.getSubcommands().get("bench").getCommand();

        BenchSettings settings = bench.settings();

        assertThat(settings.rounds()).isEqualTo(2);
        assertThat(settings.calls()).isEqualTo(80);
        assertThat(settings.warmRounds()).isEqualTo(1);
        assertThat(settings.variations()).isFalse();
        assertThat(settings.sections()).containsExactlyInAnyOrder(Section.COLD, Section.GATEWAY);
    }

    @Test
    void loadtestOptions_becomeTheHarnessOptions() {
        CommandLine cli = BenchCli.commandLine();
        cli.parseArgs("loadtest", "--scenario", "all", "--clients", "8", "--requests", "300");
        pwausers.bench.load.LoadCommand load = cli.getSubcommands().get("loadtest").getCommand();

        assertThat(load).extracting(c -> c.options().scenarios()).isEqualTo(List.of(Scenario.values()));
        assertThat(load.options().clients()).isEqualTo(8);
        assertThat(load.options().requestsFor(Scenario.STEADY)).isEqualTo(300);
    }
}
