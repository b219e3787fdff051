package pwausers.function.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import pwausers.function.contract.Environment;
import pwausers.function.store.DynamoDbClients;
import pwausers.function.testing.ReplayedDynamoDb;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The AWS settings of a test's function client come from its environment map, and nothing else changes. */
class EnvironmentClientsTest {
    private final ReplayedDynamoDb engine = ReplayedDynamoDb.answering(200, "{\"TableNames\":[]}");
    private final ReplayedDynamoDb otherEngine = ReplayedDynamoDb.answering(200, "{\"TableNames\":[]}");

    @AfterEach
    void stopEngines() {
        engine.close();
        otherEngine.close();
    }

    private Map<String, String> localEngine(ReplayedDynamoDb target) {
        Map<String, String> env = new HashMap<>();
        env.put(Environment.ENDPOINT_URL_DYNAMODB, target.endpoint().toString());
        env.put(Environment.REGION, "eu-west-3");
        env.put(Environment.ACCESS_KEY_ID, "AKIDFROMTHEMAP");
        env.put(Environment.SECRET_ACCESS_KEY, "secret");
        return env;
    }

    /**
     * One call through a client made from this map; what the engine received. The SDK may have sent it more than
     * once (an attempt that outlived its bound on a busy machine is retried): every request it received is that call.
     */
    private static ReplayedDynamoDb.Received callWith(Map<String, String> env, ReplayedDynamoDb target) {
        int before = target.received().size();
        try (DynamoDbClient client = EnvironmentClients.fromEnvironment(env)) {
            client.listTables();
        } catch (SdkClientException answerLateOnABusyMachine) {
            // the function's time bounds: what matters here is where the call went and how it was signed
        }
        List<ReplayedDynamoDb.Received> received = target.awaitReceived(before + 1);
        assertThat(calls(received.subList(before, received.size()))).isEqualTo(1);
        return received.get(before);
    }

    /** How many SDK calls these requests are (the attempts of one call share its invocation id). */
    private static long calls(List<ReplayedDynamoDb.Received> received) {
        return received.stream().map(r -> r.headers().get("amz-sdk-invocation-id")).distinct().count();
    }

    @Test
    void theEndpointRegionAndCredentials_comeFromTheMap() {
        Map<String, String> env = localEngine(engine);
        env.put(Environment.SESSION_TOKEN, "token-from-the-map");

        ReplayedDynamoDb.Received request = callWith(env, engine);

        assertThat(request.headers().get("authorization"))
                .contains("Credential=AKIDFROMTHEMAP/").contains("/eu-west-3/dynamodb/aws4_request");
        assertThat(request.headers()).containsEntry("x-amz-security-token", "token-from-the-map");
    }

    @Test
    void withoutASessionToken_theKeysAloneSignTheRequest() {
        ReplayedDynamoDb.Received request = callWith(localEngine(engine), engine);

        assertThat(request.headers().get("authorization")).contains("Credential=AKIDFROMTHEMAP/");
        assertThat(request.headers()).doesNotContainKey("x-amz-security-token");
    }

    @Test
    void theDynamoDbEndpoint_winsOverTheGeneralOne_whichServesWhenAlone() {
        Map<String, String> both = localEngine(engine);
        both.put(Environment.ENDPOINT_URL, otherEngine.endpoint().toString());
        callWith(both, engine);

        Map<String, String> generalOnly = localEngine(otherEngine);
        generalOnly.put(Environment.ENDPOINT_URL, generalOnly.remove(Environment.ENDPOINT_URL_DYNAMODB));
        callWith(generalOnly, otherEngine);

        assertThat(calls(engine.received())).isEqualTo(1);
        assertThat(calls(otherEngine.received())).isEqualTo(1);
    }

    @Test
    void awsRegion_winsOverAwsDefaultRegion_whichServesWhenAlone() {
        Map<String, String> both = localEngine(engine);
        both.put(Environment.DEFAULT_REGION, "ap-south-2");
        assertThat(callWith(both, engine).headers().get("authorization")).contains("/eu-west-3/dynamodb/");

        Map<String, String> defaultOnly = localEngine(engine);
        defaultOnly.remove(Environment.REGION);
        defaultOnly.put(Environment.DEFAULT_REGION, "ap-south-2");
        assertThat(callWith(defaultOnly, engine).headers().get("authorization")).contains("/ap-south-2/dynamodb/");
    }

    @Test
    void twoMapsInOneJvm_reachTheirOwnEngines() {
        callWith(localEngine(engine), engine);
        callWith(localEngine(otherEngine), otherEngine);
        callWith(localEngine(engine), engine);

        assertThat(calls(engine.received())).isEqualTo(2);
        assertThat(calls(otherEngine.received())).isEqualTo(1);
    }

    @Test
    void whatTheMapLeavesOut_comesFromTheSdksDefaultChains_asOnLambda() {
        Map<String, String> blank = Map.of(Environment.REGION, " ", Environment.ENDPOINT_URL_DYNAMODB, "",
                Environment.ACCESS_KEY_ID, "only-half-of-a-key-pair");

        assertThat(settingsOf(() -> EnvironmentClients.fromEnvironment(blank)))
                .isEqualTo(settingsOf(DynamoDbClients::standard));
    }

    /** The client's region, endpoint and kind of credentials, or its failure to start (no region in this JVM). */
    private static String settingsOf(Supplier<DynamoDbClient> client) {
        try (DynamoDbClient made = client.get()) {
            var settings = made.serviceClientConfiguration();
            return settings.region() + " " + settings.endpointOverride() + " "
                    + settings.credentialsProvider().getClass().getName();
        } catch (SdkClientException e) {
            return e.getClass().getName();
        }
    }
}
