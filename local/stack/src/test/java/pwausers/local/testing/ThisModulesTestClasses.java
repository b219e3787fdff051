package pwausers.local.testing;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.nio.file.Path;

/**
 * ArchUnit's import of the test classes the running module compiled (its target/test-classes, the tests' working
 * directory being the module's), for the modules of tests only, whose packages are the local stack's own.
 */
public final class ThisModulesTestClasses implements ImportOption {
    private static final String TEST_CLASSES = Path.of("target", "test-classes").toAbsolutePath().toUri().getPath();

    @Override
    public boolean includes(Location location) {
        return location.asURI().getPath() != null && location.asURI().getPath().startsWith(TEST_CLASSES);
    }
}
