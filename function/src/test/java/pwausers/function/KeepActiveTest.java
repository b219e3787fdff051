package pwausers.function;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pwausers.function.AddPwaUserHandler.Dependencies;
import pwausers.function.domain.PwaUserIds;
import pwausers.function.log.LoggedField;
import pwausers.function.testing.InMemoryPwaUserStore;
import pwausers.function.testing.Invocation;
import pwausers.function.testkit.EmbeddedMetrics;
import pwausers.function.testkit.TestContext;

/**
 * The template's keep-active schedule (an EventBridge scheduled event, events/keep-active-schedule.json as Lambda
 * receives it): answered at once, no store call, nothing written, one log line.
 */
class KeepActiveTest {
    @Test
    void theScheduledEvent_isAnsweredAtOnce_withoutAStoreCall_andLogsOneLine() throws Exception {
        InMemoryPwaUserStore users = new InMemoryPwaUserStore();
        users.failWith(new IllegalStateException("the keep-active event must not reach the store"));
        AddPwaUserHandler handler = new AddPwaUserHandler(new Dependencies(Configuration.defaults(), users,
                null, PwaUserIds.secureRandom(), Clock.systemUTC())); // no Idempotency-Key store: none is called
        TestContext context = new TestContext();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();

        handler.handleRequest(new ByteArrayInputStream(
                Files.readAllBytes(Invocation.eventFile("keep-active-schedule.json"))), answer, context);

        assertThat(Invocation.object(answer.toString(StandardCharsets.UTF_8))).isEqualTo(Map.of("KeepActive", "ok"));
        assertThat(users.users).isEmpty();
        assertThat(context.logLines).singleElement().satisfies(line -> {
            assertThat(Invocation.object(line))
                    .containsEntry(LoggedField.EVENT.key(), "keep-active")
                    .containsEntry(LoggedField.LEVEL.key(), "INFO")
                    .containsEntry(LoggedField.REQUEST_ID.key(), context.requestId);
            assertThat(EmbeddedMetrics.isEmbeddedMetricFormat(line)).as("no metric: it is not a request").isFalse();
        });
    }

    @Test
    void anHttpEventFromEventBridge_isNotTakenForTheSchedule() {
        String event = "{\"source\":\"aws.events\",\"detail-type\":\"Something Else\",\"httpMethod\":\"POST\"}";

        Invocation answer = Invocation.invoke(new AddPwaUserHandler(new Dependencies(Configuration.defaults(),
                new InMemoryPwaUserStore(), null, PwaUserIds.secureRandom(), Clock.systemUTC())), event);

        assertThat(answer.statusCode()).as("not an HTTP event either").isEqualTo(400);
    }
}
