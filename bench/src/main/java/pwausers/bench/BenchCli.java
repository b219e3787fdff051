package pwausers.bench;

/** The commands behind {@code ./pwa-users bench} and {@code ./pwa-users loadtest}. */
public final class BenchCli {
    private BenchCli() {
    }

    public static void main(String[] args) {
        System.err.println("pwa-users: " + (args.length == 0 ? "bench" : args[0]) + " is not written yet");
        System.exit(2);
    }
}
