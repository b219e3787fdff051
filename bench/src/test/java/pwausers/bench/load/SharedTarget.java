package pwausers.bench.load;

/**
 * The one local stack of a test JVM for the tests that load one on free ports: the load scenarios and the gateway part
 * of the quick bench. Started on first use, stopped when the test JVM exits: each stack started costs an engine and
 * the function's execution environments, a JVM each and seconds of CPU to start. Every user empties its tables first.
 */
public final class SharedTarget {
    private static LocalTarget target;

    private SharedTarget() {
    }

    /** The running stack, started now if none is. */
    public static synchronized LocalTarget get() {
        if (target == null) {
            target = new LocalTarget();
            Runtime.getRuntime().addShutdownHook(new Thread(target::close, "stop-shared-target"));
        }
        return target;
    }
}
