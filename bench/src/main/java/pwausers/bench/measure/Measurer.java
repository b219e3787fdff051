package pwausers.bench.measure;

import pwausers.bench.results.SectionResult;
import pwausers.bench.rig.Rig;
import pwausers.cli.BenchArguments.Section;

/**
 * One part of the bench ({@code --only} names it): it measures with the rig and says what it found as rows and notes.
 * Each keeps its arithmetic (samples to rows) in methods of its own that take samples, so that a test can feed it
 * canned ones; an answer that is not the expected one goes to the rig's count, never into a figure.
 */
public interface Measurer {
    Section section();

    SectionResult measure(Rig rig);
}
