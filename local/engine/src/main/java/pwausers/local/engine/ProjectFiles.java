package pwausers.local.engine;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's files are. */
public final class ProjectFiles {

    /** The system property that names the repository root; Maven sets it for surefire and failsafe. */
    public static final String ROOT_PROPERTY = "pwausers.root";

    private ProjectFiles() {
    }

    /**
     * The repository root: the system property {@value #ROOT_PROPERTY} if set, else the nearest directory
     * holding template.yaml, walking up from the working directory.
     *
     * @throws IllegalStateException if neither names a root
     */
    public static Path root() {
        String property = System.getProperty(ROOT_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find the repository root: no template.yaml in " + start
                + " or any directory above it; run from inside the repository or set -D" + ROOT_PROPERTY + "=DIR");
    }

    /** The SAM template, root/template.yaml. */
    public static Path template() {
        return root().resolve("template.yaml");
    }

    /** The sample API Gateway events, root/events. */
    public static Path eventsDir() {
        return root().resolve("events");
    }

    /**
     * dynalite's command-line entry point, installed by npm in local/engine/node_modules.
     *
     * @throws IllegalStateException if dynalite is not installed
     */
    public static Path dynaliteCli() {
        Path engine = root().resolve("local").resolve("engine");
        Path cli = engine.resolve("node_modules").resolve("dynalite").resolve("cli.js");
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException("dynalite is not installed (no " + cli + "): run ./mvnw install at "
                    + root() + ", or npm ci in " + engine);
        }
        return cli;
    }

    /**
     * The script preloaded into dynalite that adds what DynamoDB does and dynalite does not (the old item returned
     * with a failed condition); see local/engine/dynamodb-fidelity.js.
     */
    public static Path dynamoDbFidelity() {
        return root().resolve("local").resolve("engine").resolve("dynamodb-fidelity.js");
    }

    /**
     * The script preloaded into dynalite that keeps a local engine local: it exits when the process that started it
     * is gone, and refuses requests from web pages of other origins; see local/engine/engine-guard.js.
     */
    public static Path engineGuard() {
        return root().resolve("local").resolve("engine").resolve("engine-guard.js");
    }
}
