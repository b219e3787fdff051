package pwausers.bench.load;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import pwausers.bench.report.Machine;
import pwausers.bench.cost.AwsPrices;
import pwausers.bench.cost.CostModel;
import pwausers.cli.LoadtestArguments;
import pwausers.local.engine.ProjectFiles;
import pwausers.local.engine.SamTemplate;
import pwausers.local.template.LocalFunction;
import pwausers.local.template.LocalValues;

/**
 * {@code ./pwa-users loadtest [options]}, as {@link LoadtestArguments} declares it: runs the harness on local stacks of
 * its own, or with {@code --url} against a deployment (after saying what it will send and asking), prints its table,
 * exits 1 if a verdict fails.
 */
public final class LoadCommand extends LoadtestArguments implements Callable<Integer> {
    /** Asks the user a yes-or-no question; true for yes. */
    @FunctionalInterface
    interface Confirmation {
        boolean ask(String question);
    }

    @Spec
    private CommandSpec spec;
    private final Confirmation confirmation;

    public LoadCommand() {
        this(LoadCommand::askOnTheTerminal);
    }

    LoadCommand(Confirmation confirmation) {
        this.confirmation = confirmation;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (url != null) {
            return againstUrl(out);
        }
        if (yes || cleanUp) {
            throw new ParameterException(spec.commandLine(), (yes ? "--yes" : "--clean-up") + " goes with --url (a run"
                    + " on stacks of its own asks nothing, and throws their data away)");
        }
        LoadReport report = new LoadHarness(options(), System.err).run();
        out.println();
        out.println("Machine: " + Machine.describe() + "; every request to 127.0.0.1.");
        out.println();
        out.print(report.text());
        out.flush();
        return report.passed() ? 0 : 1;
    }

    private int againstUrl(PrintWriter out) {
        ApiUrl api;
        try {
            api = ApiUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--url: " + e.getMessage());
        }
        LoadOptions options = options();
        if (options.scenarios().contains(Scenario.STEADY) && requests == null) {
            throw new ParameterException(spec.commandLine(), "--url needs --requests N: the most submissions steady"
                    + " may send (each one is billed on AWS)");
        }
        UrlLoadPlan plan = new UrlLoadPlan(api, options, cleanUp);
        plan.print(out, AwsPrices.US_EAST_1, templateMemoryMb());
        out.flush();
        if (!yes && !confirmation.ask("Send them to " + api + "? [y/N] ")) {
            out.println("Nothing sent.");
            out.flush();
            return 1;
        }
        UrlLoadHarness harness = new UrlLoadHarness(api, options, System.err);
        LoadReport report = harness.run();
        UrlLoadHarness.CleanUp cleaned = cleanUp ? harness.cleanUp() : null;
        out.println();
        out.println("Against " + api + " from " + Machine.describeClient());
        out.println();
        out.print(report.text());
        out.println();
        if (cleaned != null) {
            cleaned.lines().forEach(out::println);
        }
        Map<String, Long> sent = harness.sent();
        out.println("sent: " + sent.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", ")) + " (" + sent.values().stream().mapToLong(Long::longValue).sum()
                + " requests); " + (api.loopback() ? "deployed in " + AwsPrices.US_EAST_1.region() + " they would cost "
                : "at " + AwsPrices.US_EAST_1.region() + "'s prices they cost about ")
                + new CostModel(AwsPrices.US_EAST_1, templateMemoryMb(), api.cloudFront()).estimate(harness.sentUsage())
                + ".");
        out.flush();
        return report.passed() && (cleaned == null || cleaned.left().isEmpty()) ? 0 : 1;
    }

    public LoadOptions options() {
        return new LoadOptions(scenarios(), between("--clients", clients, 1, 512),
                requests == null ? 0 : between("--requests", requests, 1, 1_000_000),
                between("--same-key", sameKey, 2, 500),
                slowClients == null ? 0 : between("--slow-clients", slowClients, 1, 128),
                between("--freeze-seconds", freezeSeconds, 1, 60), between("--timeout-seconds", timeoutSeconds, 1, 120));
    }

    /** The scenarios named, in order ({@code all}: every one, or with --url every one that needs only the API). */
    private List<Scenario> scenarios() {
        List<Scenario> chosen = new ArrayList<>();
        for (String name : scenarios) {
            try {
                chosen.addAll(url != null && name.equals("all") ? UrlLoadHarness.SCENARIOS : Scenario.parse(name));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--scenario: " + e.getMessage());
            }
        }
        if (url != null) {
            for (Scenario scenario : chosen) {
                if (!UrlLoadHarness.SCENARIOS.contains(scenario)) {
                    throw new ParameterException(spec.commandLine(), "--scenario " + scenario.flagName() + " needs the"
                            + " local stack (it breaks its engine); with --url: " + UrlLoadHarness.SCENARIOS.stream()
                            .map(Scenario::flagName).collect(Collectors.joining(", ")));
                }
            }
        }
        return chosen.stream().distinct().toList();
    }

    private int between(String flag, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ParameterException(spec.commandLine(),
                    flag + " must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }

    /** The function's MemorySize in template.yaml: what its duration is billed at. */
    private static int templateMemoryMb() {
        LocalValues values = new LocalValues(SamTemplate.read(ProjectFiles.template()), Map.of());
        return LocalFunction.all(values).stream().mapToInt(LocalFunction::memoryMb).max().orElse(1024);
    }

    /** Asks on the terminal; with none (a pipe, a script), the answer is no: --yes says it beforehand. */
    private static boolean askOnTheTerminal(String question) {
        Console console = System.console();
        String answer;
        if (console != null) {
            answer = console.readLine("%s", question);
        } else {
            System.err.print(question);
            try {
                answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                answer = null;
            }
            System.err.println(); // an answer read from a pipe was not echoed
            if (answer == null) {
                System.err.println("loadtest: no answer on standard input; --yes sends without asking");
            }
        }
        return answer != null && List.of("y", "yes").contains(answer.strip().toLowerCase(Locale.ROOT));
    }
}
