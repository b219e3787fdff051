package pwausers.local.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pwausers.function.domain.Limits;
import pwausers.function.json.Json;
import pwausers.function.json.JsonException;
import pwausers.local.engine.ProjectFiles;

/** The web app checks the server's name rules with the data in web/limits.json: it must say what Limits.java says. */
class WebAppLimitsTest {
    @Test
    void limitsJson_holdsTheFunctionsNameRules_andNothingElse() throws IOException, JsonException {
        @SuppressWarnings("unchecked") // a JSON object is read as a Map<String, Object>
        Map<String, Object> limits = (Map<String, Object>) Json.parse(Files.readString(ProjectFiles.root().resolve("web/limits.json")));

        assertThat(limits).containsOnlyKeys("maxNameLength", "nameBidiControls", "nameInvisible");
        assertThat(limits.get("maxNameLength")).isEqualTo(new Json.Number(Integer.toString(Limits.MAX_NAME_LENGTH)));
        assertThat(limits.get("nameBidiControls")).isEqualTo(Limits.NAME_BIDI_CONTROLS.notation());
        assertThat(limits.get("nameInvisible")).isEqualTo(Limits.NAME_INVISIBLE.notation());
    }
}
