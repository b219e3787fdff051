package pwausers.deploy;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * This module's code and tests, read from their compiled classes: no package cycle, and the function seen from
 * outside: the deployment builds it by its SAM build and the tests use its published contract and its test kit alone.
 */
@AnalyzeClasses(packages = "pwausers.deploy")
class ArchitectureTest {
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("pwausers.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theFunctionByItsContractAlone = noClasses().should().dependOnClassesThat(
            resideInAPackage("pwausers.function..")
                    .and(not(resideInAnyPackage("pwausers.function.contract..", "pwausers.function.testkit.."))));
}
