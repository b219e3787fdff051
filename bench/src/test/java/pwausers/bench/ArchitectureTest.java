package pwausers.bench;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The bench's packages depend on each other one way: the commands on the parts, the parts on the rig and the results. */
@AnalyzeClasses(packages = "pwausers.bench")
class ArchitectureTest {
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("pwausers.(**)").should().beFreeOfCycles();
}
