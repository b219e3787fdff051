package pwausers.local.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import pwausers.function.domain.Limits;
import org.junit.jupiter.api.Test;
import pwausers.local.engine.ProjectFiles;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/** The web app checks the server's limits from web/limits.json: it must say what Limits.java says. */
class WebAppLimitsTest {
    @Test
    void limitsJson_matchesTheFunctionsLimits() throws IOException {
        JsonNode limits = JsonNode.parser().parse(Files.readString(ProjectFiles.root().resolve("web/limits.json")));

        assertThat(Integer.parseInt(limits.field("maxNameLength").orElseThrow().asNumber()))
                .isEqualTo(Limits.MAX_NAME_LENGTH);
    }
}
