package pwausers.local;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * This module's packages, read from its own compiled test classes (the local stack's own classes, in the same
 * packages, are checked by local/stack): no cycle among them.
 */
@AnalyzeClasses(packages = "pwausers.local", importOptions = ArchitectureTest.ThisModule.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("pwausers.local.(**)").should().beFreeOfCycles();

    /** Only the classes compiled by this module. */
    static final class ThisModule implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return location.contains("/local/stack-it/target/test-classes/");
        }
    }
}
