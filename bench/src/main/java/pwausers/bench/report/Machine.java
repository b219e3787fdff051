package pwausers.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import pwausers.bench.http.Answers;
import pwausers.local.engine.ProjectFiles;

/** One line on the machine a figure was measured on, for the bench's and the load harness's reports. */
public final class Machine {
    private Machine() {
    }

    /** This machine, its Java, Node.js and dynalite, and its load: where the local figures were measured. */
    public static String describe() {
        return host() + "; node " + command("node", "--version") + "; dynalite " + dynaliteVersion()
                + " in memory on 127.0.0.1; load average " + loadAverage();
    }

    /** This machine, its Java and its load: where a load generator ran. */
    public static String describeClient() {
        return host() + "; load average " + loadAverage();
    }

    private static String host() {
        String cpu = "";
        long memKib = 0;
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("");
            memKib = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(0L);
        } catch (IOException | RuntimeException e) {
            // not Linux: the rest still says something
        }
        return Runtime.getRuntime().availableProcessors() + " CPUs (" + cpu + "), "
                + Math.round(memKib / 1024.0 / 1024.0) + " GiB, " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + "; Java " + System.getProperty("java.runtime.version");
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static String command(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor();
            return text;
        } catch (IOException e) {
            return "(not found)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    private static String dynaliteVersion() {
        try {
            JsonNode pkg = Answers.JSON.readTree(
                    ProjectFiles.root().resolve("local/engine/node_modules/dynalite/package.json").toFile());
            return pkg.path("version").asText("?");
        } catch (IOException e) {
            return "?";
        }
    }
}
