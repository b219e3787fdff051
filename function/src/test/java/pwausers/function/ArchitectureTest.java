package pwausers.function;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import pwausers.function.json.Json;
import pwausers.function.testkit.SdkApi;

/**
 * The function's packages, read from its compiled classes: no cycle, and every dependency points inwards, to the use
 * case. The handler (this package) wires the rest; {@code api} turns HTTP events into use-case calls, {@code store}
 * implements the use case's ports on DynamoDB, {@code log} writes the request log, {@code json} holds all JSON,
 * {@code domain} (the use case, its ports and rules) depends on nothing but the JDK and {@code contract}, the published
 * facts (routes, names, limits) that every other package may read and that depend on nothing.
 */
@AnalyzeClasses(packages = "pwausers.function", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("pwausers.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule dependenciesPointToTheUseCase = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Handler").definedBy("pwausers.function")
            .layer("Api").definedBy("pwausers.function.api..")
            .layer("Log").definedBy("pwausers.function.log..")
            .layer("Store").definedBy("pwausers.function.store..")
            .layer("Json").definedBy("pwausers.function.json..")
            .layer("Domain").definedBy("pwausers.function.domain..")
            .layer("Contract").definedBy("pwausers.function.contract..")
            .whereLayer("Handler").mayNotBeAccessedByAnyLayer()
            .whereLayer("Api").mayOnlyBeAccessedByLayers("Handler", "Log")
            .whereLayer("Log").mayOnlyBeAccessedByLayers("Handler")
            .whereLayer("Store").mayOnlyBeAccessedByLayers("Handler")
            .whereLayer("Json").mayOnlyBeAccessedByLayers("Api", "Log")
            .whereLayer("Domain").mayOnlyBeAccessedByLayers("Handler", "Api", "Log", "Store")
            .whereLayer("Contract").mayOnlyBeAccessedByLayers("Handler", "Api", "Log", "Store", "Json", "Domain");

    /**
     * The SDK's classes marked {@code @SdkInternalApi} or {@code @SdkProtectedApi} (annotations kept in the class
     * files only), those of its {@code internal} packages and its shaded third-party libraries carry no compatibility
     * promise: only {@link Json} may use any (the SDK's shaded Jackson), and its tests pin what it relies on.
     */
    @ArchTest
    static final ArchRule onlyTheJsonAdapterUsesTheSdksNonPublicApi = noClasses()
            .that().doNotBelongToAnyOf(Json.class)
            .should().dependOnClassesThat(SdkApi.NON_PUBLIC);

    @ArchTest
    static final ArchRule theDomainUsesTheJdkAndTheContractAlone = classes()
            .that().resideInAPackage("pwausers.function.domain..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("pwausers.function.domain..", "pwausers.function.contract..", "java..");

    /** The published contract (what tools outside function/ use) depends on nothing of the function, nor on AWS. */
    @ArchTest
    static final ArchRule theContractUsesTheJdkAlone = classes().that().resideInAPackage("pwausers.function.contract..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("pwausers.function.contract..", "java..");
}
