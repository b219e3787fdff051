package pwausers.function.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import pwausers.function.json.Json;
import pwausers.function.json.JsonException;

/**
 * The shared name cases, src/test/resources/name-cases.json: what the name rules say of each name. The function's
 * tests and the web app's browser test (through this module's test jar) read the same file.
 */
public final class NameCases {
    /** The file, on the test classpath. */
    public static final String RESOURCE = "/name-cases.json";

    /** One name, and the problem the rules find in it (the message after the field's name), or null if accepted. */
    public record NameCase(String what, String name, String refused) {
        public boolean accepted() {
            return refused == null;
        }

        @Override
        public String toString() {
            return what;
        }
    }

    private NameCases() {
    }

    /** The file's text, exactly as written (ASCII, with escapes). */
    public static String text() {
        try (InputStream in = NameCases.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<NameCase> all() {
        try {
            Map<?, ?> file = (Map<?, ?>) Json.parse(text());
            return ((List<?>) file.get("cases")).stream().map(c -> nameCase((Map<?, ?>) c)).toList();
        } catch (JsonException e) {
            throw new IllegalStateException(RESOURCE + " is not JSON, or repeats a field", e);
        }
    }

    private static NameCase nameCase(Map<?, ?> fields) {
        String what = (String) fields.get("what");
        String name = (String) fields.get("name");
        int repeat = fields.containsKey("repeat") ? Integer.parseInt(((Json.Number) fields.get("repeat")).text()) : 1;
        boolean accepted = Boolean.TRUE.equals(fields.get("accepted"));
        String refused = (String) fields.get("refused");
        if (what == null || name == null || accepted == (refused != null)) {
            throw new IllegalStateException("Name case '" + what + "' needs a name, and to be either accepted or refused");
        }
        return new NameCase(what, name.repeat(repeat), refused);
    }
}
