package pwausers.function;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pwausers.function.contract.Environment;
import pwausers.function.testing.CountingDynamoDb;
import pwausers.function.testkit.crac.Core;

/**
 * SnapStart's lifecycle, run as Lambda runs it: the function initialised for a snapshot in a JVM of its own
 * (SnapStartChild), its hooks reached through org.crac's compat lookup (a stand-in that runs them:
 * {@link pwausers.function.testkit.crac.Core}), against a DynamoDB endpoint that counts the connections held to it.
 * AWS: "the state of connections ... isn't guaranteed when Lambda resumes" (Lambda guide, SnapStart best practices):
 * a connection in the snapshot would be shared, dead, by every environment restored from it.
 */
class SnapStartTest {
    private static final Duration BOUND = Duration.ofSeconds(60); // a busy machine; an idle one takes a few seconds
    /**
     * How long a connection closed by the client may take to be seen closed here: far more than a busy machine needs,
     * well under the 60 s after which the CRT's pool closes an idle connection by itself (which would hide one kept).
     */
    private static final Duration CLOSE_SEEN = Duration.ofSeconds(10);

    @TempDir
    Path home;

    @Test
    void atTheSnapshot_noConnectionToDynamoDbIsOpen_andTheFirstRequestAfterTheRestoreIsStored() throws Exception {
        try (CountingDynamoDb dynamoDb = new CountingDynamoDb()) {
            Process child = start(dynamoDb);
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8));
                assertThat(lineStartingWith(out, SnapStartChild.SNAPSHOT)).as("the hooks ran").isNotNull();

                assertThat(dynamoDb.opened()).as("priming exercised a real client on the endpoint").isPositive();
                assertThat(dynamoDb.calls()).extracting(CountingDynamoDb.Call::operation).containsOnly("PutItem");
                assertThat(dynamoDb.awaitOpen(open -> open == 0, CLOSE_SEEN))
                        .as("connections held when the beforeCheckpoint hooks have returned (calls: %s)",
                                dynamoDb.calls())
                        .isZero();
                int beforeRestore = dynamoDb.calls().size();

                OutputStream in = child.getOutputStream();
                in.write('\n'); // restore
                in.flush();
                String answer = lineStartingWith(out, SnapStartChild.ANSWER);

                assertThat(answer).isEqualTo(SnapStartChild.ANSWER + 201);
                List<CountingDynamoDb.Call> after = dynamoDb.calls().subList(beforeRestore, dynamoDb.calls().size());
                assertThat(after).as("the entry's PutItem, once, on a connection opened after the restore")
                        .singleElement().satisfies(call -> {
                            assertThat(call.operation()).isEqualTo("PutItem");
                            assertThat(call.connection()).isEqualTo(dynamoDb.opened());
                        });
                assertThat(child.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
                assertThat(child.exitValue()).as(Files.readString(home.resolve("stderr.txt"))).isZero();
            } finally {
                child.destroyForcibly();
            }
        }
    }

    private Process start(CountingDynamoDb dynamoDb) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.crac.Core.Compat=" + Core.class.getPackageName(),
                "-Dpwausers.root=" + System.getProperty("pwausers.root", ".."),
                "-cp", System.getProperty("java.class.path"), SnapStartChild.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(home.resolve("stderr.txt").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_"));
        env.put("HOME", home.toString());
        env.put(Environment.INITIALIZATION_TYPE, Environment.SNAP_START);
        env.put(Environment.ENDPOINT_URL_DYNAMODB, dynamoDb.endpoint().toString());
        env.put(Environment.REGION, "us-east-1");
        env.put(Environment.ACCESS_KEY_ID, "snapstart");
        env.put(Environment.SECRET_ACCESS_KEY, "snapstart");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        return builder.start();
    }

    /** The first line of the child's output that starts with this prefix (its other lines are the function's log). */
    private static String lineStartingWith(BufferedReader out, String prefix) throws Exception {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        return null;
    }
}
