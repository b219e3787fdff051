package pwausers.local.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class EngineClientTest {
    private static final URI ENDPOINT = URI.create("http://127.0.0.1:8000");

    @Test
    void get_makesOneClientOfTheEndpoint_andGivesItAgain() {
        try (EngineClient holder = new EngineClient("dynalite on port 8000", ENDPOINT)) {
            DynamoDbClient client = holder.get();

            assertThat(holder.get()).isSameAs(client);
            assertThat(client.serviceClientConfiguration().endpointOverride()).hasValue(ENDPOINT);
            assertThat(holder.isClosed()).isFalse();
        }
    }

    @Test
    void onceClosed_getAndRequireOpenAreRefusedNamingTheEngine_andCloseAgainDoesNothing() {
        EngineClient holder = new EngineClient("moto on port 8000", ENDPOINT);
        holder.get();

        holder.close();
        holder.close();

        assertThat(holder.isClosed()).isTrue();
        assertThatThrownBy(holder::get).isInstanceOf(IllegalStateException.class)
                .hasMessage("moto on port 8000 is closed");
        assertThatThrownBy(holder::requireOpen).isInstanceOf(IllegalStateException.class)
                .hasMessage("moto on port 8000 is closed");
    }
}
