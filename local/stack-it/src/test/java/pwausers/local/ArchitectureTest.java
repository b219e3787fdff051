package pwausers.local;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import pwausers.local.testing.ThisModulesTestClasses;

/** This module's packages, read from its own test classes (local/stack checks its own): no cycle among them. */
@AnalyzeClasses(packages = "pwausers.local", importOptions = ThisModulesTestClasses.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("pwausers.local.(**)").should().beFreeOfCycles();
}
