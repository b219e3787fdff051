package pwausers.local.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pwausers.local.testing.Sockets;
import pwausers.local.testing.UpProcess;
import pwausers.local.testing.UpProcess.Ports;

/**
 * A stop drains: on SIGTERM, {@code up} takes no new request, answers those in flight (the function's own answer, or
 * 503 when the grace runs out first), then stops its function processes and the engine.
 */
class UpStopIT {
    private static final int REQUESTS = 4;
    @TempDir
    Path tmp;
    private UpProcess up;
    private ProcessHandle engine;

    @AfterEach
    void stop() {
        if (engine != null && engine.isAlive()) {
            signal("CONT", engine.pid());
        }
        if (up != null) {
            up.close();
        }
    }

    @Test
    void sigterm_withFourRequestsWaitingOnAStalledEngine_answersEachOfThem_andLeavesNoProcess() throws Exception {
        Ports ports = Ports.free();
        up = UpProcess.start(tmp.resolve("state"), tmp.resolve("data"), ports, Map.of(), "--no-reload").awaitBanner();
        engine = up.engine();
        signal("STOP", engine.pid());
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            answers.add(client.sendAsync(HttpRequest.newBuilder(ports.api("/pwausers"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"fname\":\"Mickey\",\"lname\":\"Mouse\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        // the four connections accepted by up (a connection still in the kernel's queue would be refused by the stop)
        // and the first request in the function, waiting on the engine
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (Sockets.establishedOn(up.pid(), ports.api()) < REQUESTS || functionProcesses().stream()
                .noneMatch(function -> Sockets.establishedTo(function.pid(), ports.dynamodb()) > 0)) {
            assertThat(System.nanoTime()).as("the requests in up within 60 s").isLessThan(deadline);
            Thread.sleep(50);
        }
        List<ProcessHandle> functions = functionProcesses();

        up.process().toHandle().destroy(); // SIGTERM

        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get();
            assertThat(response.statusCode()).as("%s\n%s", response.body(), up.output()).isIn(201, 503);
        }
        assertThat(up.awaitExit(Duration.ofSeconds(30))).as("ended by the signal (128 + 15)").isEqualTo(143);
        for (ProcessHandle function : functions) {
            assertThat(function.onExit()).succeedsWithin(Duration.ofSeconds(10));
        }
        assertThat(engine.onExit()).succeedsWithin(Duration.ofSeconds(10));
        assertThat(up.output()).contains("pwa-users: stopping: no new requests", "pwa-users: stopped")
                .doesNotContain("customer function error", "InterruptedException").doesNotContainPattern("(?m): null$");
    }

    /** up's function processes: its JVMs under Lambda's runtime client. */
    private List<ProcessHandle> functionProcesses() {
        return up.process().descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains("pwausers.local.lambda.lifeline.Lifeline")).orElse(false))
                .toList();
    }

    private static void signal(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
            assertThat(kill.waitFor()).isZero();
        } catch (IOException e) {
            throw new AssertionError("cannot send SIG" + signal + " to " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
