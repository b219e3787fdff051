package pwausers.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Lambda's JVM flags, as its Java runtimes start a function of a given memory size. */
class LambdaJvmTest {
    @Test
    void java17And21_stopAtC1_andJava25KeepsBothCompilersOnlyUnderSnapStart() {
        assertThat(LambdaJvm.c1Only("java17", false)).isTrue();
        assertThat(LambdaJvm.c1Only("java21", true)).isTrue();
        assertThat(LambdaJvm.c1Only("java25", false)).isTrue();
        assertThat(LambdaJvm.c1Only("java25", true)).isFalse();
    }

    @Test
    void theCommand_hasLambdasHeapCollectorAndSharing_forTheMemorySize_thenTheRuntimesProperties() {
        List<String> command = LambdaJvm.forRuntime("java21", false).command(1024, "cp", List.of("-Dx=y"), "Main",
                List.of("handler"));

        assertThat(command).containsSubsequence("-XX:MaxRAM=1024m", "-XX:MaxHeapSize=891289k", "-XX:+UseSerialGC",
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Dx=y", "-cp", "cp", "Main", "handler");
    }
}
