package pwausers.function.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import pwausers.local.engine.ProjectFiles;

/**
 * docs/api.md against the code that gives its answers, read as text: every status the function's HTTP layer answers
 * with has a row of the function's, every such row names a status that layer gives, and every row of API Gateway's
 * names a status that the local gateway (API Gateway's stand-in for {@code up}) gives. A status added to the code
 * and not documented, or documented and never given, fails here.
 */
class ApiDocTest {
    /** A status as the function's HTTP layer writes it: {@code new HttpError(404, ...)}, {@code message(409, ...)}. */
    private static final Pattern FUNCTION_STATUS =
            Pattern.compile("\\b(?:HttpError|message|serverError|HttpResponse)\\((\\d{3})\\b");
    private static final Pattern STATUS = Pattern.compile("\\b([1-5]\\d\\d)\\b");
    private static final String API_GATEWAY = "API Gateway";

    /** One row of a table of docs/api.md that has a Status column: its statuses, and who answers. */
    private record Row(Set<Integer> statuses, String answeredBy, String text) {
    }

    private static final List<Row> ROWS = rows(ProjectFiles.root().resolve("docs").resolve("api.md"));

    @Test
    void everyStatusTheFunctionAnswers_hasARowOfTheFunctions() {
        Set<Integer> documented = statuses(false);
        Set<Integer> inCode = statusesIn(ProjectFiles.root().resolve("function/src/main/java/pwausers/function/api"),
                FUNCTION_STATUS);

        assertThat(inCode).contains(201, 400, 409, 422, 503); // the pattern still finds how the code writes them
        assertThat(documented).containsAll(inCode);
    }

    @Test
    void everyStatusOfTheFunctionsRows_isOneItsCodeGives() {
        Set<Integer> inCode = statusesIn(ProjectFiles.root().resolve("function/src/main/java/pwausers/function/api"),
                FUNCTION_STATUS);

        assertThat(statuses(false)).isNotEmpty().isSubsetOf(inCode);
    }

    @Test
    void everyStatusOfApiGatewaysRows_isOneTheLocalGatewayGives() {
        Set<Integer> inCode = statusesIn(
                ProjectFiles.root().resolve("local/stack/src/main/java/pwausers/local/gateway"), STATUS);

        assertThat(statuses(true)).contains(403, 429, 500, 502, 504).isSubsetOf(inCode);
    }

    @Test
    void everyRowWithAStatus_saysWhoAnswers() {
        assertThat(ROWS).isNotEmpty().allSatisfy(row -> assertThat(row.answeredBy())
                .as(row.text()).isIn("function", API_GATEWAY));
    }

    private static Set<Integer> statuses(boolean apiGateway) {
        Set<Integer> statuses = new TreeSet<>();
        ROWS.stream().filter(row -> row.answeredBy().equals(API_GATEWAY) == apiGateway)
                .forEach(row -> statuses.addAll(row.statuses()));
        return statuses;
    }

    /**
     * The rows of every table whose header has a Status column. Its "Answered by" column says who answers; a table
     * without one is the function's own (what it answers when invoked directly).
     */
    private static List<Row> rows(Path doc) {
        List<Row> rows = new ArrayList<>();
        int statusColumn = -1;
        int answeredByColumn = -1;
        boolean inTable = false;
        for (String line : read(doc).split("\n")) {
            if (!line.startsWith("|")) {
                inTable = false;
                continue;
            }
            List<String> cells = cells(line);
            if (!inTable) { // the header
                inTable = true;
                statusColumn = cells.indexOf("Status");
                answeredByColumn = cells.indexOf("Answered by");
                continue;
            }
            if (statusColumn < 0 || cells.get(0).startsWith("---") || cells.size() <= statusColumn) {
                continue;
            }
            Set<Integer> statuses = new TreeSet<>();
            Matcher m = STATUS.matcher(cells.get(statusColumn));
            while (m.find()) {
                statuses.add(Integer.parseInt(m.group(1)));
            }
            if (!statuses.isEmpty()) {
                rows.add(new Row(statuses, answeredByColumn < 0 ? "function" : cells.get(answeredByColumn), line));
            }
        }
        return rows;
    }

    /** A Markdown table row's cells, trimmed; a {@code |} inside backticks does not split. */
    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean code = false;
        for (int i = 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '`') {
                code = !code;
            }
            if (c == '|' && !code) {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        return cells;
    }

    private static Set<Integer> statusesIn(Path dir, Pattern pattern) {
        Set<Integer> statuses = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                Matcher m = pattern.matcher(read(f));
                while (m.find()) {
                    statuses.add(Integer.parseInt(m.group(1)));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return statuses;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
