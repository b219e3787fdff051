package pwausers.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pwausers.local.engine.ProjectFiles;

/** Which code runs for a CodeUri: a jar, a Maven module's packaged jar, or a deployment package's folder. */
class TaskRootTest {
    @TempDir
    Path tmp;

    @Test
    void aJar_isTheCode() throws IOException {
        Path jar = Files.createFile(tmp.resolve("function.jar"));

        assertThat(TaskRoot.builtCode(jar)).containsExactly(jar);
    }

    @Test
    void thisRepositorysFunctionModule_runsTheJarItsPomPackages() {
        Path module = ProjectFiles.root().resolve("function");

        assertThat(MavenModule.finalName(module.resolve("pom.xml"))).isEqualTo("add-pwa-user");
    }

    @Test
    void aMavenModule_runsItsShadedJar_orItsBuildsFinalName_orArtifactIdVersion() throws IOException {
        Path shaded = module("shaded", """
                <project><artifactId>fn</artifactId><version>1.0</version><build><plugins>
                  <plugin><artifactId>maven-jar-plugin</artifactId></plugin>
                  <plugin><artifactId>maven-shade-plugin</artifactId><executions><execution><configuration>
                    <finalName>deployable</finalName></configuration></execution></executions></plugin>
                </plugins></build></project>
                """);
        Path named = module("named", "<project><artifactId>fn</artifactId><build><finalName>plain</finalName></build></project>");
        Path inherited = module("inherited", "<project><parent><version>2.0</version></parent><artifactId>fn</artifactId></project>");

        assertThat(MavenModule.finalName(shaded.resolve("pom.xml"))).isEqualTo("deployable");
        assertThat(MavenModule.finalName(named.resolve("pom.xml"))).isEqualTo("plain");
        assertThat(MavenModule.finalName(inherited.resolve("pom.xml"))).isEqualTo("fn-2.0");

        assertThatThrownBy(() -> TaskRoot.builtCode(shaded)).hasMessageContaining("not built")
                .hasMessageContaining("deployable.jar");
        Path jar = Files.createFile(Files.createDirectories(shaded.resolve("target")).resolve("deployable.jar"));
        assertThat(TaskRoot.builtCode(shaded)).containsExactly(jar);
    }

    @Test
    void aMavenModule_bringsTheNativeLibrariesItsBuildLeavesBesideTheJar() throws IOException {
        Path module = module("native", "<project><artifactId>fn</artifactId><build><finalName>fn</finalName></build></project>");
        Path jar = Files.createFile(Files.createDirectories(module.resolve("target")).resolve("fn.jar"));
        Path library = Files.createFile(Files.createDirectories(module.resolve("target/lambda-lib")).resolve("libx.so"));

        assertThat(TaskRoot.builtCode(module)).containsExactly(jar, library);
        try (TaskRoot root = TaskRoot.copyOf(module)) {
            assertThat(root.lib().resolve("fn.jar")).isRegularFile();
            assertThat(root.lib().resolve("libx.so")).isRegularFile();
        }
    }

    @Test
    void aDeploymentPackage_isCopiedAsItIs_itsClassesAtTheTop_itsJarsInLib() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("package/lib"));
        Files.createFile(dir.resolve("a.jar"));
        Files.createFile(Files.createDirectories(tmp.resolve("package/x")).resolve("Handler.class"));

        assertThat(TaskRoot.builtCode(tmp.resolve("package"))).containsExactly(tmp.resolve("package"));
        Path copied;
        try (TaskRoot root = TaskRoot.copyOf(tmp.resolve("package"))) {
            copied = root.dir();
            assertThat(root.lib().resolve("a.jar")).isRegularFile();
            assertThat(root.dir().resolve("x/Handler.class")).isRegularFile();
        }
        assertThat(copied).as("deleted once closed").doesNotExist();
    }

    @Test
    void nothingThere_isNotBuilt() {
        assertThatThrownBy(() -> TaskRoot.builtCode(tmp.resolve("absent"))).hasMessageContaining("not built");
    }

    private Path module(String name, String pom) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("pom.xml"), pom);
        return dir;
    }
}
