package pwausers.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import pwausers.cli.DeployArguments;

/** SAM CLI, run in the repository as a user would run it there: `sam build`, then `sam deploy` (samconfig.toml). */
final class SamCli {
    private final Path sam;
    private final Path root;

    private SamCli(Path sam, Path root) {
        this.sam = sam;
        this.root = root;
    }

    /**
     * SAM CLI from the PATH, with make (its makefile build of the function needs it).
     *
     * @throws DeployException if either is missing, saying how to get it and what works without it
     */
    static SamCli find(Map<String, String> env, Path root) {
        Optional<Path> sam = onPath(env, "sam");
        if (sam.isEmpty()) {
            throw new DeployException("SAM CLI (sam) is not on the PATH, and the stack is deployed through it: install it ("
                    + DeployArguments.SAM_CLI_INSTALL_URL + "), then run ./pwa-users deploy again. Nothing was changed."
                    + " (The web app alone, on a stack already deployed: ./pwa-users deploy --web-only.)");
        }
        if (onPath(env, "make").isEmpty()) {
            throw new DeployException("make is not on the PATH, and sam build needs it for the function (function/Makefile):"
                    + " install it (Debian, Ubuntu: apt-get install make; macOS: xcode-select --install). Nothing was changed.");
        }
        return new SamCli(sam.get(), root);
    }

    static Optional<Path> onPath(Map<String, String> env, String program) {
        for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    void build() {
        run("build", List.of());
    }

    /** sam deploy with samconfig.toml's settings, in that stack and region, with those parameter overrides. */
    void deploy(String stackName, String region, List<String> parameterOverrides) {
        List<String> args = new ArrayList<>(List.of("--stack-name", stackName, "--region", region));
        if (!parameterOverrides.isEmpty()) {
            args.add("--parameter-overrides");
            args.addAll(parameterOverrides);
        }
        run("deploy", args);
    }

    private void run(String command, List<String> args) {
        List<String> line = new ArrayList<>(List.of(sam.toString(), command));
        line.addAll(args);
        int exit;
        try {
            exit = new ProcessBuilder(line).directory(root.toFile()).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new DeployException("Cannot run " + sam + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployException("Interrupted while sam " + command + " ran", e);
        }
        if (exit != 0) {
            throw new DeployException("sam " + command + " failed (exit code " + exit + "; its messages are above).");
        }
    }
}
