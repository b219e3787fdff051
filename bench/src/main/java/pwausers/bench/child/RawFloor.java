package pwausers.bench.child;

import java.net.URI;

/**
 * The floor's warm latency: WARMUP then TIMED PutItems as bare HTTP POSTs on one kept-alive connection, printed
 * in warm.js's format. Arguments: ENDPOINT TABLE WARMUP TIMED.
 */
public final class RawFloor {
    private RawFloor() {
    }

    public static void main(String[] args) throws Exception {
        int warmup = Integer.parseInt(args[2]);
        int timed = Integer.parseInt(args[3]);
        long[] nanos = new long[timed];
        int bad = 0;
        try (RawPutItem put = new RawPutItem(URI.create(args[0]), args[1])) {
            for (int i = 0; i < warmup + timed; i++) {
                long start = System.nanoTime();
                int status = put.put();
                long took = System.nanoTime() - start;
                if (status != 200) {
                    bad++;
                }
                if (i >= warmup) {
                    nanos[i - warmup] = took;
                }
            }
        }
        WarmLatency.print("floor", nanos, bad);
        System.exit(bad == 0 ? 0 : 1);
    }
}
