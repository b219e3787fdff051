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
class FunctionCodeTest {
    @TempDir
    Path tmp;

    @Test
    void aJar_isTheCode() throws IOException {
        Path jar = Files.createFile(tmp.resolve("function.jar"));

        assertThat(FunctionCode.builtCode(jar)).containsExactly(jar);
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

        assertThatThrownBy(() -> FunctionCode.builtCode(shaded)).hasMessageContaining("not built")
                .hasMessageContaining("deployable.jar");
        Path jar = Files.createFile(Files.createDirectories(shaded.resolve("target")).resolve("deployable.jar"));
        assertThat(FunctionCode.builtCode(shaded)).containsExactly(jar);
    }

    @Test
    void aDeploymentPackage_isItsClassesThenItsLibJars() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("package/lib"));
        Path b = Files.createFile(dir.resolve("b.jar"));
        Path a = Files.createFile(dir.resolve("a.jar"));
        Files.createFile(dir.resolve("README.txt"));

        assertThat(FunctionCode.builtCode(tmp.resolve("package"))).containsExactly(tmp.resolve("package"), a, b);
    }

    @Test
    void nothingThere_isNotBuilt() {
        assertThatThrownBy(() -> FunctionCode.builtCode(tmp.resolve("absent"))).hasMessageContaining("not built");
    }

    private Path module(String name, String pom) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("pom.xml"), pom);
        return dir;
    }
}
