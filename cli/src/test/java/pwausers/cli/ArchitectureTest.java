package pwausers.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The command-line declarations, read from their compiled classes: no package cycle, and nothing but picocli and the
 * JDK, so that ./pwa-users reads every command's help without the module that runs it built.
 */
@AnalyzeClasses(packages = "pwausers.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("pwausers.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule picocliAndTheJdkAlone = classes().should().onlyDependOnClassesThat()
            .resideInAnyPackage("pwausers.cli..", "picocli..", "java..");
}
