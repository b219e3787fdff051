package pwausers.local.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An {@code --env-vars} file, in SAM CLI's JSON format: {@code {"FunctionLogicalId": {"VAR": "value"}, "Parameters":
 * {"VAR": "value"}}}. {@code Parameters} applies to every function, a function's own entry on top of it. As with
 * SAM CLI, a value only replaces a variable the template declares in the function's Environment, strings are taken as
 * they are, {@code true} and {@code false} become "true" and "false", numbers their text, and null, a list or an
 * object an empty string.
 */
public final class EnvVarsFile {
    /** The entry that applies to every function. */
    public static final String ALL_FUNCTIONS = "Parameters";
    private static final String FORMAT = "SAM CLI's format: {\"FunctionLogicalId\": {\"VAR\": \"value\"}, \""
            + ALL_FUNCTIONS + "\": {\"VAR\": \"value\"}}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EnvVarsFile NONE = new EnvVarsFile(null, Map.of());

    private final Path path;
    private final Map<String, Map<String, String>> entries;

    private EnvVarsFile(Path path, Map<String, Map<String, String>> entries) {
        this.path = path;
        this.entries = entries;
    }

    /** No file: nothing overridden. */
    public static EnvVarsFile none() {
        return NONE;
    }

    /**
     * Reads the file.
     *
     * @throws IllegalArgumentException with a message naming the file and the fault: missing, not JSON, not the format
     */
    public static EnvVarsFile read(Path path) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(path));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + path);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(path + " is not JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + path + ": " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(path + " is not a JSON object; " + FORMAT);
        }
        Map<String, Map<String, String>> entries = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            if (!entry.getValue().isObject()) {
                throw new IllegalArgumentException(path + ": the value of \"" + entry.getKey()
                        + "\" is not an object of variables; " + FORMAT);
            }
            Map<String, String> variables = new LinkedHashMap<>();
            entry.getValue().properties().forEach(v -> variables.put(v.getKey(), text(v.getValue())));
            entries.put(entry.getKey(), Map.copyOf(variables));
        }
        return new EnvVarsFile(path, Map.copyOf(entries));
    }

    /** The file, or null for {@link #none()}. */
    public Path path() {
        return path;
    }

    /** The values for that function: {@code Parameters}, then the function's own entry on top. */
    public Map<String, String> overridesFor(String functionLogicalId) {
        Map<String, String> overrides = new LinkedHashMap<>(entries.getOrDefault(ALL_FUNCTIONS, Map.of()));
        overrides.putAll(entries.getOrDefault(functionLogicalId, Map.of()));
        return overrides;
    }

    private static String text(JsonNode value) {
        return value.isValueNode() && !value.isNull() ? value.asText() : "";
    }
}
