package pwausers.local.metrics;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The metrics in {@code up}'s console, among the request lines but not drowning them: after each minute in which
 * something was counted, a short block (a line per dashboard widget with data: that minute, the widgets' period);
 * when {@code up} stops, the whole run. Nothing is printed for a quiet minute.
 */
public final class MetricsConsole implements AutoCloseable {
    /** How long after a minute ends its block is printed: the last log lines of that minute are in by then. */
    static final long AFTER_THE_MINUTE_MILLIS = 5_000;
    private static final String INDENT = "  ";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm");

    private final LocalMetrics metrics;
    private final PrintStream console;
    private final String endpoint;
    private final LongSupplier clock;
    private final ZoneId zone;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "metrics-console");
        thread.setDaemon(true);
        return thread;
    });

    MetricsConsole(LocalMetrics metrics, PrintStream console, String endpoint, LongSupplier clock, ZoneId zone) {
        this.metrics = metrics;
        this.console = console;
        this.endpoint = endpoint;
        this.clock = clock;
        this.zone = zone;
    }

    /**
     * Prints a block after each minute with metrics, from now on.
     *
     * @param endpoint where the JSON of every metric is, named in each block
     */
    public static MetricsConsole start(LocalMetrics metrics, PrintStream console, String endpoint) {
        MetricsConsole printer = new MetricsConsole(metrics, console, endpoint, System::currentTimeMillis,
                ZoneId.systemDefault());
        printer.scheduleNext();
        return printer;
    }

    /** At the next minute's turn (and its grace), the block of the minute that ended; then the next one. */
    private void scheduleNext() {
        long now = clock.getAsLong();
        long next = MetricStore.minuteOf(now) + AFTER_THE_MINUTE_MILLIS;
        if (next <= now) {
            next += MetricStore.MINUTE_MILLIS;
        }
        long ended = MetricStore.minuteOf(next) - MetricStore.MINUTE_MILLIS;
        try {
            timer.schedule(() -> {
                printMinute(ended);
                scheduleNext();
            }, next - now, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // up is stopping
        }
    }

    /** The block of the minute that starts then, if anything was counted in it. */
    void printMinute(long minute) {
        if (!metrics.anyIn(minute)) {
            return;
        }
        List<String> lines = metrics.minuteText(minute, INDENT);
        StringBuilder block = new StringBuilder(time(clock.getAsLong(), TIME)).append(" metrics ")
                .append(time(minute, MINUTE)).append(" to ").append(time(minute + MetricStore.MINUTE_MILLIS, MINUTE))
                .append(", as the dashboard shows that minute (every metric: ").append(endpoint).append(')');
        lines.forEach(line -> block.append('\n').append(line));
        console.println(block); // one call: the block is not split by request lines
    }

    /** The whole run's block, if anything was counted. */
    public void printRun() {
        if (!metrics.anyCounted()) {
            return;
        }
        List<String> lines = metrics.runText(INDENT);
        StringBuilder block = new StringBuilder("pwa-users: metrics of this run, ")
                .append(time(metrics.since(), TIME)).append(" to ").append(time(clock.getAsLong(), TIME))
                .append(", as the dashboard would show them over it:");
        lines.forEach(line -> block.append('\n').append(line));
        console.println(block);
    }

    private String time(long millis, DateTimeFormatter format) {
        return Instant.ofEpochMilli(millis).atZone(zone).format(format);
    }

    /** No block after this one. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
