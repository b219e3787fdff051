package pwausers.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pwausers.bench.results.Row;

/** The package's row: its size in MB and its entries. */
class DeploymentPackageTest {
    @Test
    void theJarsSizeAndEntries(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("add-pwa-user.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String name : new String[] {"a.class", "b.class", "lib/c.so"}) {
                out.putNextEntry(new JarEntry(name));
                out.write(new byte[1000]);
            }
        }

        Row row = DeploymentPackage.row(jar);

        assertThat(row.value().value()).isEqualTo(Files.size(jar) / 1e6);
        assertThat(row.ratio().value()).isEqualTo(3);
        assertThat(row.cells()[0]).isEqualTo("deployment package (add-pwa-user.jar)");
        assertThat(row.cells()[3]).isEqualTo("3 entries");
    }
}
