package pwausers.local.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The python3 that the PATH names, started by its interpreter's own path. python3 may be a launcher rather than the
 * interpreter: pyenv's shim is a bash script that spends about 0.3 s of CPU finding the interpreter at every start.
 * Asked once per JVM where its interpreter and its console scripts are, the tests start those directly, and pay the
 * launcher once. Where python3 is the interpreter itself, that is the same program.
 */
public final class Python3 {
    private static final String PYTHON3 = "python3";
    private static final String WHERE = "import sys, sysconfig; print(sys.executable); print(sysconfig.get_path('scripts'))";

    private Python3() {
    }

    /** The interpreter's path, or "python3" where python3 cannot be asked (starting it then fails as it would). */
    public static String executable() {
        return Resolved.INTERPRETER.map(Interpreter::executable).orElse(PYTHON3);
    }

    /**
     * A console script of python's (cfn-lint, aws): where the PATH finds it beside python3 (pyenv's shims), the
     * script of that interpreter's own environment, which the launcher would run; else the program by its name.
     */
    public static String program(String name) {
        Optional<Path> program = onPath(name);
        Optional<Path> python3 = onPath(PYTHON3);
        if (program.isPresent() && python3.isPresent() && program.get().getParent().equals(python3.get().getParent())) {
            Optional<Path> script = Resolved.INTERPRETER.map(i -> i.scripts().resolve(name)).filter(Files::isExecutable);
            if (script.isPresent()) {
                return script.get().toString();
            }
        }
        return name;
    }

    private static Optional<Path> onPath(String name) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, name))) {
                return Optional.of(Path.of(directory, name));
            }
        }
        return Optional.empty();
    }

    private record Interpreter(String executable, Path scripts) {
    }

    /** Asked on first use, once per JVM (the holder idiom: the JVM initialises this class once, thread-safely). */
    private static final class Resolved {
        static final Optional<Interpreter> INTERPRETER = ask();

        private static Optional<Interpreter> ask() {
            try {
                Path answer = Files.createTempFile("python3-", ".txt");
                try {
                    Process python = new ProcessBuilder(PYTHON3, "-c", WHERE).redirectOutput(answer.toFile())
                            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                    python.getOutputStream().close();
                    if (!python.waitFor(60, TimeUnit.SECONDS)) {
                        python.destroyForcibly();
                        return Optional.empty();
                    }
                    List<String> lines = Files.readAllLines(answer, StandardCharsets.UTF_8);
                    if (python.exitValue() != 0 || lines.size() != 2 || lines.get(0).isBlank()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Interpreter(lines.get(0), Path.of(lines.get(1))));
                } finally {
                    Files.deleteIfExists(answer);
                }
            } catch (IOException e) {
                return Optional.empty(); // no python3
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }
}
