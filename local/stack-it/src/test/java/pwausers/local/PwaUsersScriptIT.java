package pwausers.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pwausers.local.engine.ProjectFiles;

/**
 * The {@code ./pwa-users} script's help, in a copy of the repository whose local stack is built (local/stack's classes
 * and libraries) but whose sources changed since, and whose Maven wrapper only notes that it was called: every
 * command's help answers from what is built, bench's and deploy's too, and builds nothing.
 */
class PwaUsersScriptIT {
    @TempDir
    Path root;
    private Path mavenCalls;

    @BeforeEach
    void aCloneWhereUpHasRunOnce_andASourceChangedSince() throws IOException {
        Path script = root.resolve("pwa-users");
        Files.copy(ProjectFiles.root().resolve("pwa-users"), script);
        mavenCalls = root.resolve("maven-calls.txt");
        Path mvnw = root.resolve("mvnw");
        Files.writeString(mvnw, "#!/bin/sh\necho \"$*\" >> '" + mavenCalls + "'\nexit 1\n");
        for (Path executable : List.of(script, mvnw)) {
            Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path target = Files.createDirectories(root.resolve("local/stack/target"));
        Path built = ProjectFiles.root().resolve("local/stack/target"); // the local stack as the build left it
        Files.createSymbolicLink(target.resolve("classes"), built.resolve("classes"));
        Files.createSymbolicLink(target.resolve("lib"), built.resolve("lib"));
        Files.writeString(target.resolve(".pwa-users-built"), "");
        Path source = root.resolve("local/stack/src/main/java/Edited.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class Edited {}");
        source.toFile().setLastModified(System.currentTimeMillis() + 60_000); // newer than the stamp, surely
    }

    private record Run(int exitCode, String out) {
    }

    private Run script(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(root.resolve("pwa-users").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), out);
    }

    @Test
    void everyCommandsHelp_answersFromWhatIsBuilt_andBuildsNothing() throws Exception {
        for (List<String> help : List.of(List.of("--help"), List.of("help", "bench"), List.of("bench", "--help"),
                List.of("loadtest", "-h"), List.of("deploy", "--help"), List.of("deploy", "--web-only", "-h"),
                List.of("up", "--help"), List.of("invoke", "--help"))) {
            Run run = script(help.toArray(String[]::new));

            assertThat(run.exitCode()).as(help + ": " + run.out()).isZero();
            String command = help.size() > 1 && help.get(0).equals("help") ? help.get(1) : help.get(0);
            assertThat(run.out()).as(help.toString())
                    .contains(command.startsWith("-") ? "Usage: ./pwa-users" : "Usage: ./pwa-users " + command);
        }
        assertThat(mavenCalls).as("the Maven wrapper was called").doesNotExist();
    }

    @Test
    void aCommandThatRuns_isBuiltFirst_whenItsSourcesChanged() throws Exception {
        Run run = script("invoke", "events/workshop-test-event.json");

        assertThat(run.exitCode()).as(run.out()).isNotZero(); // this Maven wrapper fails every build
        assertThat(run.out()).contains("pwa-users: building local/stack");
        assertThat(mavenCalls).exists();
    }
}
