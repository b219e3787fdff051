package pwausers.function;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import pwausers.function.AddPwaUserHandler.Dependencies;
import pwausers.function.domain.PwaUserIds;
import pwausers.function.testing.InMemoryIdempotencyStore;
import pwausers.function.testing.InMemoryPwaUserStore;
import pwausers.function.testing.Invocation;

/**
 * Every hostile input that once broke the function, or was hand-picked as a nasty one, kept as an event file in
 * src/test/resources/fuzz-regressions/: add the event of any input the fuzzer ever finds failing.
 */
class FuzzRegressionTest {
    static Stream<Path> regressions() throws IOException, URISyntaxException {
        Path dir = Path.of(FuzzRegressionTest.class.getResource("/fuzz-regressions").toURI());
        return Files.list(dir).filter(p -> p.toString().endsWith(".json")).sorted();
    }

    @ParameterizedTest
    @MethodSource("regressions")
    void aKeptHostileInput_neverGets5xx_andWritesNothingUnlessAccepted(Path event) throws IOException {
        InMemoryPwaUserStore store = new InMemoryPwaUserStore();
        AddPwaUserHandler handler = new AddPwaUserHandler(new Dependencies(Configuration.defaults(), store,
                new InMemoryIdempotencyStore(), PwaUserIds.secureRandom(), Clock.systemUTC()));

        Invocation answer = Invocation.invoke(handler, Files.readString(event));

        assertThat(answer.statusCode()).isBetween(200, 499);
        assertThat(store.users).hasSize(answer.statusCode() == 201 ? 1 : 0);
    }
}
