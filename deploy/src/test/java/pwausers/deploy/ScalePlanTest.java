package pwausers.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import pwausers.local.engine.ProjectFiles;

/**
 * docs/scale.md, the plan, names only knobs that exist: each cell of its tables' "Knob" column is a parameter of
 * template.yaml or a Service Quotas request, and every {@code Name=value} it tells a reader to set is a parameter. Its
 * per-request figures name the bench run they come from, which is in the repository with its cost rows.
 */
class ScalePlanTest {
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    /** How template.yaml names its parameters: ApiThrottlingRateLimit, Tracing. */
    private static final Pattern PARAMETER_LIKE = Pattern.compile("[A-Z][A-Za-z0-9]+");
    private static final Pattern SETTING = Pattern.compile("([A-Z][A-Za-z0-9]+)=[^`\\s]+");
    private static final String QUOTA_REQUEST = "Service Quotas";
    private static final Pattern BENCH_RUN = Pattern.compile("bench/results/([0-9TZ-]+\\.json)");

    private final Set<String> parameters = ProjectTemplate.TEMPLATE.parameterDefaults().keySet();
    private final List<String> plan = read();

    @Test
    void everyKnobOfThePlan_isATemplateParameter_orAQuotaRequest() {
        List<String> knobs = knobCells(plan);
        assertThat(knobs).as("the walls table of docs/scale.md, its Knob column").hasSizeGreaterThanOrEqualTo(5);
        for (String cell : knobs) {
            List<String> named = codeIn(cell).stream().filter(c -> PARAMETER_LIKE.matcher(c).matches()).toList();
            assertThat(named).as("parameters named in the knob \"%s\"", cell).allSatisfy(name ->
                    assertThat(parameters).as("template.yaml's parameters").contains(name));
            if (named.isEmpty()) {
                assertThat(cell).as("a knob that is no template parameter is a quota request").contains(QUOTA_REQUEST);
            }
        }
    }

    @Test
    void everySettingThePlanGives_isOfATemplateParameter() {
        List<String> set = plan.stream().flatMap(line -> codeIn(line).stream())
                .map(SETTING::matcher).filter(Matcher::matches).map(m -> m.group(1)).toList();
        assertThat(set).isNotEmpty().allSatisfy(name -> assertThat(parameters).contains(name));
    }

    @Test
    void theFiguresOfThePlan_comeFromABenchRunInTheRepository_withItsCostRows() throws IOException {
        List<String> runs = plan.stream().map(BENCH_RUN::matcher).filter(Matcher::find).map(m -> m.group(1))
                .distinct().toList();
        assertThat(runs).as("the bench runs docs/scale.md names").hasSize(1);
        Path run = ProjectFiles.root().resolve("bench").resolve("results").resolve(runs.get(0));
        assertThat(run).as("the bench run docs/scale.md names").isRegularFile();
        JsonNode sections = new ObjectMapper().readTree(run.toFile()).path("sections");
        assertThat(sections.findValuesAsText("section")).as("the sections of " + run.getFileName()).contains("cost");
    }

    /** The cells of every Markdown table whose header has a column "Knob", row by row. */
    static List<String> knobCells(List<String> lines) {
        List<String> cells = new ArrayList<>();
        List<String> header = null; // of the table the line is in; null between tables
        for (String line : lines) {
            if (!line.startsWith("|")) {
                header = null;
                continue;
            }
            List<String> row = Arrays.stream(line.substring(1).split("\\|", -1)).map(String::strip).toList();
            if (header == null) {
                header = row;
            } else if (header.contains("Knob") && !row.get(0).matches("-+")) { // not the line under the header
                cells.add(row.get(header.indexOf("Knob")));
            }
        }
        return cells;
    }

    private static List<String> codeIn(String text) {
        List<String> code = new ArrayList<>();
        Matcher m = CODE.matcher(text);
        while (m.find()) {
            code.add(m.group(1));
        }
        return code;
    }

    private static List<String> read() {
        try {
            return Files.readAllLines(ProjectFiles.root().resolve("docs").resolve("scale.md"));
        } catch (IOException e) {
            throw new IllegalStateException("docs/scale.md cannot be read", e);
        }
    }
}
