package pwausers.bench.results;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run of {@code ./pwa-users bench}, as its results file keeps it.
 *
 * @param startedAt   when it started (ISO-8601, UTC): also its file's name
 * @param machine     where (CPUs, memory, OS, Java, Node.js, dynalite, the load average at the end)
 * @param about       what every part shares (the package, the JVM flags, the reference)
 * @param settings    its options (rounds, calls, clients, ...), by name
 * @param quick       whether it was a smoke run (--quick): never cited by the docs
 * @param sections    what each part found, in the order they ran
 * @param invocations how many invocations and requests it checked
 * @param failures    every answer that was not the expected one (empty: all were)
 */
public record BenchRun(String startedAt, String machine, List<String> about, Map<String, Object> settings,
                       boolean quick, List<SectionResult> sections, long invocations, List<String> failures) {

    public Optional<SectionResult> section(String name) {
        return sections.stream().filter(s -> s.section().equals(name)).findFirst();
    }
}
