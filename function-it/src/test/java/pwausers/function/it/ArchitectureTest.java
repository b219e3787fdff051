package pwausers.function.it;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** This module's packages, read from its compiled test classes: no cycle (the tests use the engines, never back). */
@AnalyzeClasses(packages = "pwausers.function.it")
class ArchitectureTest {
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("pwausers.function.(**)").should().beFreeOfCycles();
}
