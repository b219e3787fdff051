package pwausers.local.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pwausers.function.contract.Limits;
import pwausers.local.engine.ProjectFiles;

/** The web app checks the server's name rules with the data in web/limits.json: it must say what Limits.java says. */
class WebAppLimitsTest {
    @Test
    void limitsJson_holdsTheFunctionsNameRules_andNothingElse() throws IOException {
        @SuppressWarnings("unchecked") // a JSON object is read as a Map<String, Object>
        Map<String, Object> limits = new ObjectMapper().readValue(ProjectFiles.root().resolve("web/limits.json").toFile(),
                Map.class);

        assertThat(limits).containsOnlyKeys("maxNameLength", "nameBidiControls", "nameInvisible");
        assertThat(limits.get("maxNameLength")).isEqualTo(Limits.MAX_NAME_LENGTH);
        assertThat(limits.get("nameBidiControls")).isEqualTo(Limits.NAME_BIDI_CONTROLS.notation());
        assertThat(limits.get("nameInvisible")).isEqualTo(Limits.NAME_INVISIBLE.notation());
    }
}
