package pwausers.local;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import pwausers.function.AddPwaUserHandler;

/**
 * The local stack's packages, read from its compiled classes: no cycle (the commands use the gateway, the function
 * runner and the template's reading; {@code http} holds what the local servers share and uses none of them), and the
 * function is used from outside, as the team's contract has it: its entry by name and its published contract alone.
 */
@AnalyzeClasses(packages = "pwausers.local", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("pwausers.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theFunctionByItsEntryAndContractAlone = noClasses().should().dependOnClassesThat(
            resideInAPackage("pwausers.function..")
                    .and(not(resideInAPackage("pwausers.function.contract..")))
                    .and(not(equivalentTo(AddPwaUserHandler.class))));
}
