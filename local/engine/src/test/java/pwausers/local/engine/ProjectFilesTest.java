package pwausers.local.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProjectFilesTest {

    @Test
    void root_isTheDirectoryHoldingTheTemplate() {
        assertThat(ProjectFiles.template()).isRegularFile().hasFileName("template.yaml");
        assertThat(ProjectFiles.template().getParent()).isEqualTo(ProjectFiles.root());
        assertThat(ProjectFiles.eventsDir()).isEqualTo(ProjectFiles.root().resolve("events"));
    }

    @Test
    void root_withoutTheProperty_isTheNearestDirectoryAboveTheWorkingDirectoryHoldingTheTemplate() {
        Path fromProperty = ProjectFiles.root();
        String saved = System.clearProperty(ProjectFiles.ROOT_PROPERTY);
        try {
            assertThat(ProjectFiles.root()).isEqualTo(fromProperty);
        } finally {
            if (saved != null) {
                System.setProperty(ProjectFiles.ROOT_PROPERTY, saved);
            }
        }
    }

    @Test
    void dynaliteCli_pointsAtTheInstalledEngine() {
        assertThat(ProjectFiles.dynaliteCli()).isRegularFile()
                .isEqualTo(ProjectFiles.root().resolve("local/engine/node_modules/dynalite/cli.js"));
    }
}
