package pwausers.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import pwausers.bench.rig.ChildRun;

/**
 * The deployment jar through SnapStart's hooks, alone in a fresh JVM started as Lambda starts the template's function:
 * the handler made for a snapshot, its priming run as Lambda's runtime runs it, then its first invocations. The child is
 * {@link QuickBench}'s restore part's (which the cost part reads too), judged here as {@link ShadedJarIT} judges the
 * jar's other paths: the same child would otherwise run twice, and priming is seconds of CPU.
 */
class DeploymentJarSnapStartIT {
    @Test
    void priming_writesNothing_andTheFunctionAnswersAfterARestore() {
        QuickBench.Restore restore = QuickBench.restore();
        ChildRun child = restore.child();

        assertThat(child.problem()).as("its exit, and each answer the workshop's 201").isNull();
        assertThat(child.answers()).hasSize(4);
        assertThat(child.log()).doesNotContain("NoClassDefFoundError", "ClassNotFoundException");
        assertThat(restore.itemsAfter()).as("priming stores nothing; each of the four invocations after the restore one"
                + " entry").isEqualTo(restore.itemsBefore() + 4);
    }
}
