package pwausers.bench.measure;

import java.util.List;
import java.util.Properties;
import pwausers.bench.rig.ChildRun;

/** Canned children, as a child's result files would have made them. */
final class Samples {
    private Samples() {
    }

    /** A cold start answered {@code millis} after its spawn, with {@code cpuMillis} of CPU and {@code rssMib} peak. */
    static ChildRun cold(double millis, double cpuMillis, double rssMib) {
        Properties result = new Properties();
        result.setProperty("answered_at_ns", Long.toString((long) (millis * 1e6)));
        result.setProperty("cpu_us", Long.toString((long) (cpuMillis * 1e3)));
        result.setProperty("peak_rss_kib", Long.toString((long) (rssMib * 1024)));
        return new ChildRun("cold", 0, 0, "", result, List.of(), new long[0]);
    }

    /** A warm run whose timed calls took these microseconds, with {@code cpuMicros} of CPU in all. */
    static ChildRun warm(long cpuMicros, long... micros) {
        Properties result = new Properties();
        result.setProperty("timed_cpu_us", Long.toString(cpuMicros));
        long[] nanos = new long[micros.length];
        for (int i = 0; i < micros.length; i++) {
            nanos[i] = micros[i] * 1000;
        }
        return new ChildRun("warm", 0, 0, "", result, List.of(), nanos);
    }
}
