package pwausers.bench.measure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import pwausers.bench.results.Figure;
import pwausers.bench.results.Figure.Unit;
import pwausers.bench.results.Row;
import pwausers.bench.results.SectionResult;
import pwausers.bench.rig.Rig;
import pwausers.cli.BenchArguments.Section;

/** The deployment package: the jar's size and its entries. */
public final class DeploymentPackage implements Measurer {
    @Override
    public Section section() {
        return Section.PACKAGE;
    }

    @Override
    public SectionResult measure(Rig rig) {
        return new SectionResult("package", List.of(), List.of(row(rig.deployedJar())), List.of());
    }

    static Row row(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return new Row("package.jar", "deployment package (" + jar.getFileName() + ")",
                    new Figure(Files.size(jar) / 1e6, Unit.MB), null, null, new Figure(zip.size(), Unit.ENTRIES), null,
                    null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }
}
