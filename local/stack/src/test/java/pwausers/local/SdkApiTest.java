package pwausers.local;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import pwausers.function.testkit.SdkApi;

/** This module's code and tests use the AWS SDK's public API alone: nothing marked internal or protected. */
@AnalyzeClasses(packages = "pwausers.local")
class SdkApiTest {
    @ArchTest
    static final ArchRule onlyTheSdksPublicApi = noClasses().should().dependOnClassesThat(SdkApi.NON_PUBLIC);
}
