package pwausers.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import pwausers.local.engine.SamTemplate;

/**
 * The template's CloudWatch dashboard, its body read as CloudWatch reads it (JSON), each Fn::Sub variable standing
 * as {@code <Name>}.
 *
 * @param metrics   each metric drawn: "namespace name dimension=value ..." (a row's "." and "..." expanded)
 * @param searches  the first argument of each SEARCH expression
 * @param alarms    the alarms of the alarm widgets
 * @param variables the Fn::Sub variables the body names
 */
record Dashboard(List<String> metrics, List<String> searches, List<String> alarms, Set<String> variables) {
    static final String LOGICAL_ID = "Dashboard";
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");
    private static final Pattern SEARCH = Pattern.compile("SEARCH\\('([^']*)'");

    static Dashboard of(SamTemplate template) throws IOException {
        String body = (String) ((Map<?, ?>) template.properties(LOGICAL_ID).get("DashboardBody")).get("Fn::Sub");
        Set<String> variables = new LinkedHashSet<>();
        Matcher m = VARIABLE.matcher(body);
        while (m.find()) {
            variables.add(m.group(1));
        }
        JsonNode widgets = new ObjectMapper().readTree(VARIABLE.matcher(body).replaceAll("<$1>")).required("widgets");
        List<String> metrics = new ArrayList<>();
        List<String> searches = new ArrayList<>();
        List<String> alarms = new ArrayList<>();
        for (JsonNode widget : widgets) {
            JsonNode properties = widget.required("properties");
            properties.path("alarms").forEach(alarm -> alarms.add(alarm.asText()));
            List<String> previous = List.of();
            for (JsonNode row : properties.path("metrics")) {
                if (row.get(0).has("expression")) {
                    Matcher search = SEARCH.matcher(row.get(0).get("expression").asText());
                    while (search.find()) {
                        searches.add(search.group(1));
                    }
                    continue;
                }
                List<String> values = expand(row, previous);
                StringBuilder metric = new StringBuilder(values.get(0) + " " + values.get(1));
                for (int i = 2; i + 1 < values.size(); i += 2) {
                    metric.append(' ').append(values.get(i)).append('=').append(values.get(i + 1));
                }
                metrics.add(metric.toString());
                previous = values;
            }
        }
        return new Dashboard(metrics, searches, alarms, variables);
    }

    /** A row's values with "." (the value above) and "..." (all the rest of the row above) filled in. */
    private static List<String> expand(JsonNode row, List<String> previous) {
        List<String> values = new ArrayList<>();
        for (JsonNode value : row) {
            if (!value.isTextual()) {
                continue; // the rendering options ({"stat": ...})
            }
            if (value.asText().equals("...")) {
                values.addAll(previous.subList(values.size(), previous.size()));
            } else {
                values.add(value.asText().equals(".") ? previous.get(values.size()) : value.asText());
            }
        }
        return values;
    }
}
