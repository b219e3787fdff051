package pwausers.local.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the template's dashboards show over one window (the whole run, or one minute, the widgets' period), from the
 * metrics {@code up} holds: each widget's lines with their statistic's value, or why a line has none (no data in the
 * window, as a dashboard shows a gap; a metric {@code up} does not measure; a line it does not evaluate).
 */
final class DashboardView {
    /** Shown in text for a line without data in the window (the dashboard's gap). */
    static final String NO_DATA = "-";

    /**
     * One value a widget shows.
     *
     * @param value null when there is none: no data in the window, or the note says why
     * @param note  why the line cannot have a value locally, else null
     */
    record Shown(String label, String stat, Double value, String note) {
    }

    /** A widget and what it shows. */
    record WidgetValues(String title, String type, List<Shown> values) {
        boolean hasData() {
            return values.stream().anyMatch(v -> v.value() != null);
        }

        /** Why none of its lines can have a value locally (its lines' notes), or null when one can. */
        String unshown() {
            return values.isEmpty() || values.stream().anyMatch(v -> v.note() == null) ? null
                    : values.stream().map(Shown::note).distinct().collect(Collectors.joining("; "));
        }
    }

    private DashboardView() {
    }

    /**
     * @param minute     the minute's start (epoch ms), or null for the whole run
     * @param unmeasured why a metric has no value locally (a service's metric {@code up} does not produce), else null
     */
    static List<WidgetValues> evaluate(List<CloudWatchDashboard> dashboards, MetricStore store, Long minute,
                                       Function<MetricId, String> unmeasured) {
        List<WidgetValues> widgets = new ArrayList<>();
        for (CloudWatchDashboard dashboard : dashboards) {
            for (CloudWatchDashboard.Widget widget : dashboard.widgets()) {
                widgets.add(new WidgetValues(widget.title(), widget.type(), widget.type().equals("alarm")
                        ? alarms(widget) : lines(widget, store, minute, unmeasured)));
            }
        }
        return widgets;
    }

    private static List<Shown> alarms(CloudWatchDashboard.Widget widget) {
        return widget.alarms().stream()
                .map(alarm -> new Shown(alarm, null, null, "alarms are not evaluated locally")).toList();
    }

    private static List<Shown> lines(CloudWatchDashboard.Widget widget, MetricStore store, Long minute,
                                     Function<MetricId, String> unmeasured) {
        List<CloudWatchDashboard.Metric> metrics = widget.lines().stream()
                .filter(CloudWatchDashboard.Metric.class::isInstance).map(CloudWatchDashboard.Metric.class::cast)
                .toList();
        Set<String> varying = varyingDimensions(metrics);
        boolean oneStat = metrics.stream().map(CloudWatchDashboard.Metric::stat).distinct().count() <= 1;
        List<Shown> shown = new ArrayList<>();
        for (CloudWatchDashboard.Line line : widget.lines()) {
            if (line instanceof CloudWatchDashboard.Metric metric) {
                String label = metric.label() != null ? metric.label() : metric.metric().name()
                        + metric.metric().sortedDimensions().entrySet().stream()
                        .filter(d -> varying.contains(d.getKey())).map(d -> " " + d.getValue())
                        .collect(Collectors.joining())
                        + (oneStat ? "" : " " + metric.stat());
                String why = unmeasured.apply(metric.metric());
                shown.add(why != null ? new Shown(label, metric.stat(), null, why)
                        : value(label, metric.metric(), metric.stat(), store, minute));
            } else if (line instanceof CloudWatchDashboard.Search search) {
                List<MetricId> found = store.metrics().stream().filter(search::matches).toList();
                int before = shown.size();
                for (MetricId metric : found) {
                    String label = metric.sortedDimensions().entrySet().stream()
                            .filter(d -> !search.terms().containsKey(d.getKey()))
                            .map(d -> d.getKey() + "=" + d.getValue()).collect(Collectors.joining(" "));
                    Shown value = value(label.isEmpty() ? metric.name() : label, metric, search.stat(), store, minute);
                    if (value.value() != null || value.note() != null) {
                        shown.add(value);
                    }
                }
                if (shown.size() == before) { // nothing found, or nothing in the window: one line without data
                    shown.add(new Shown(search.terms().getOrDefault(CloudWatchDashboard.Search.METRIC_NAME,
                            search.namespace()), search.stat(), null, null));
                }
            } else if (line instanceof CloudWatchDashboard.Unread unread) {
                shown.add(new Shown(null, null, null, unread.what() + " is not evaluated locally"));
            }
        }
        return shown;
    }

    private static Shown value(String label, MetricId metric, String stat, MetricStore store, Long minute) {
        Optional<Statistic> statistic = Statistic.parse(stat);
        if (statistic.isEmpty()) {
            return new Shown(label, stat, null, "the statistic " + stat + " is not computed locally");
        }
        return new Shown(label, stat, store.statistic(metric, statistic.get(), minute).orElse(null), null);
    }

    /** The dimensions whose values are not the same on every metric line of a widget: they tell its lines apart. */
    private static Set<String> varyingDimensions(List<CloudWatchDashboard.Metric> metrics) {
        Set<String> varying = new HashSet<>();
        for (CloudWatchDashboard.Metric a : metrics) {
            for (CloudWatchDashboard.Metric b : metrics) {
                Set<String> names = new HashSet<>(a.metric().dimensions().keySet());
                names.addAll(b.metric().dimensions().keySet());
                for (String name : names) {
                    if (!Objects.equals(a.metric().dimensions().get(name), b.metric().dimensions().get(name))) {
                        varying.add(name);
                    }
                }
            }
        }
        return varying;
    }

    /**
     * One line per widget with data in the window: its title, then each of its values, {@value #NO_DATA} for a line
     * without data.
     */
    static List<String> text(List<WidgetValues> widgets, String indent) {
        List<WidgetValues> shown = widgets.stream().filter(WidgetValues::hasData).toList();
        int width = Math.min(44, shown.stream().mapToInt(w -> w.title().length()).max().orElse(0));
        List<String> lines = new ArrayList<>();
        for (WidgetValues widget : shown) {
            String values = widget.values().stream().filter(v -> v.note() == null)
                    .map(v -> (v.label() == null ? "" : v.label() + " ") + (v.value() == null ? NO_DATA
                            : number(v.value())))
                    .collect(Collectors.joining(" · "));
            lines.add(indent + pad(widget.title(), width) + "  " + values);
        }
        return lines;
    }

    /** The widgets that cannot show a value locally, with why (one line), or none. */
    static Optional<String> unshownText(List<WidgetValues> widgets) {
        Map<String, List<String>> byReason = widgets.stream().filter(w -> w.unshown() != null)
                .collect(Collectors.groupingBy(WidgetValues::unshown, java.util.LinkedHashMap::new,
                        Collectors.mapping(w -> w.title().isEmpty() ? w.type() + " widget" : w.title(),
                                Collectors.toList())));
        if (byReason.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(byReason.entrySet().stream()
                .map(e -> String.join(", ", e.getValue()) + " (" + e.getKey() + ")")
                .collect(Collectors.joining("; ")));
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    /** A value as the console shows it: whole numbers as such, others to a tenth (small ones to a thousandth). */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 1 ? "%.1f" : "%.3f", value);
    }
}
