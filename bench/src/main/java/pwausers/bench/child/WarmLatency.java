package pwausers.bench.child;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Warm latency in one process, as node-reference's warm.js measures it: WARMUP invocations, then TIMED ones, each
 * timed from the event bytes to the answer bytes. Prints one line with p50/p90/p99 in microseconds and the count
 * of answers that were not 201.
 *
 * <p>Arguments: HANDLER_CLASS EVENT_FILE WARMUP TIMED.
 */
public final class WarmLatency {
    private WarmLatency() {
    }

    public static void main(String[] args) throws Exception {
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        int warmup = Integer.parseInt(args[2]);
        int timed = Integer.parseInt(args[3]);
        RequestStreamHandler handler = ChildSupport.newHandler(args[0]);
        long[] nanos = new long[timed];
        int bad = 0;
        for (int i = 0; i < warmup + timed; i++) {
            BenchContext context = new BenchContext("warm-" + i, null);
            ByteArrayOutputStream answer = new ByteArrayOutputStream(512);
            long start = System.nanoTime();
            handler.handleRequest(new ByteArrayInputStream(event), answer, context);
            long took = System.nanoTime() - start;
            if (ChildSupport.statusCode(answer.toByteArray()) != 201) {
                bad++;
            }
            if (i >= warmup) {
                nanos[i - warmup] = took;
            }
        }
        print("java", nanos, bad);
        System.exit(bad == 0 ? 0 : 1);
    }

    /** The same line format as warm.js: {@code NAME warm n=N bad=B p50_us=.. p90_us=.. p99_us=..}. */
    static void print(String name, long[] nanos, int bad) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        System.out.printf("%s warm n=%d bad=%d p50_us=%.0f p90_us=%.0f p99_us=%.0f%n", name, n, bad,
                sorted[n / 2] / 1e3, sorted[(int) (n * 0.9)] / 1e3, sorted[(int) (n * 0.99)] / 1e3);
        System.out.flush();
    }
}
