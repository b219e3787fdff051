package pwausers.function.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import pwausers.function.store.DynamoDbClients;
import pwausers.local.engine.Dynalite;
import pwausers.local.engine.LocalEngine;
import pwausers.local.engine.MotoServer;

/**
 * The DynamoDB engines the integration tests run on: dynalite (the local stack's, with our fidelity patch) and moto
 * (an independent implementation), so that the patch cannot hide a difference from DynamoDB. A test class runs on
 * each ({@code @ParameterizedClass @EnumSource(Engine.class)}); tests that freeze or kill the engine use dynalite.
 */
public enum Engine {
    DYNALITE(Dynalite::start),
    MOTO(MotoServer::start);

    private final Supplier<LocalEngine> starter;

    Engine(Supplier<LocalEngine> starter) {
        this.starter = starter;
    }

    /** Starts a fresh engine of this kind on a free port; the caller closes it. */
    public LocalEngine start() {
        return starter.get();
    }

    /** The standard AWS settings that point a function's client at this engine (what the local stack gives it). */
    public static Map<String, String> awsEnvironment(LocalEngine engine) {
        Map<String, String> environment = new HashMap<>();
        environment.put(DynamoDbClients.ENDPOINT_URL_DYNAMODB, engine.endpoint().toString());
        environment.put(DynamoDbClients.REGION, LocalEngine.REGION.id());
        environment.put(DynamoDbClients.ACCESS_KEY_ID, LocalEngine.CREDENTIALS.accessKeyId());
        environment.put(DynamoDbClients.SECRET_ACCESS_KEY, LocalEngine.CREDENTIALS.secretAccessKey());
        return environment;
    }
}
