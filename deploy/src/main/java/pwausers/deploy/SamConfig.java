package pwausers.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** samconfig.toml, where SAM CLI and this tool find the stack's name (default environment). */
final class SamConfig {
    static final String FILE = "samconfig.toml";

    private SamConfig() {
    }

    /**
     * The stack_name of the default environment.
     *
     * @throws DeployException if the file is missing, unreadable or names no stack
     */
    static String stackName(Path root) {
        Path file = root.resolve(FILE);
        JsonNode config;
        try {
            config = new TomlMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new DeployException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        JsonNode name = config.at("/default/global/parameters/stack_name");
        if (!name.isTextual() || name.asText().isBlank()) {
            name = config.at("/default/deploy/parameters/stack_name");
        }
        if (!name.isTextual() || name.asText().isBlank()) {
            throw new DeployException(file + " names no stack (stack_name under [default.global.parameters]);"
                    + " give one with --stack-name.");
        }
        return name.asText();
    }
}
