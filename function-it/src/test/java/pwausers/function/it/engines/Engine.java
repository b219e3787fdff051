package pwausers.function.it.engines;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import pwausers.function.contract.Environment;
import pwausers.local.engine.Dynalite;
import pwausers.local.engine.LocalEngine;
import pwausers.local.engine.MotoServer;
import pwausers.local.engine.PythonModules;

/**
 * The DynamoDB engines the integration tests run on: dynalite (the local stack's, with our fidelity patch) and moto
 * (an independent implementation), so that the patch cannot hide a difference from DynamoDB. A test class runs on
 * each ({@code @ParameterizedClass @EnumSource(Engine.class)}); tests that freeze or kill the engine use dynalite.
 */
public enum Engine {
    DYNALITE(Dynalite::start, true),
    /**
     * moto's server answers on many threads, and its PutItem reads the item, evaluates the condition, then writes,
     * with no lock between (moto/dynamodb/models/table.py, {@code put_item}): two concurrent conditional writes of
     * one key can both succeed, which DynamoDB never allows.
     */
    MOTO(MotoServer::start, false);

    private final Supplier<LocalEngine> starter;
    private final boolean atomicConditionalWrites;

    Engine(Supplier<LocalEngine> starter, boolean atomicConditionalWrites) {
        this.starter = starter;
        this.atomicConditionalWrites = atomicConditionalWrites;
    }

    /** Whether a conditional write is atomic here, as on DynamoDB, even when requests on the same key race. */
    public boolean atomicConditionalWrites() {
        return atomicConditionalWrites;
    }

    /**
     * Starts a fresh engine of this kind on a free port; the caller closes it. Without python3's moto, outside CI,
     * the test is skipped, saying why.
     */
    public LocalEngine start() {
        if (this == MOTO) {
            PythonModules.skipReason("moto.server", MotoServer.INSTALL).ifPresent(Assumptions::abort);
        }
        return starter.get();
    }

    /** The standard AWS settings that point a function's client at this engine (what the local stack gives it). */
    public static Map<String, String> awsEnvironment(LocalEngine engine) {
        Map<String, String> environment = new HashMap<>();
        environment.put(Environment.ENDPOINT_URL_DYNAMODB, engine.endpoint().toString());
        environment.put(Environment.REGION, LocalEngine.REGION.id());
        environment.put(Environment.ACCESS_KEY_ID, LocalEngine.CREDENTIALS.accessKeyId());
        environment.put(Environment.SECRET_ACCESS_KEY, LocalEngine.CREDENTIALS.secretAccessKey());
        return environment;
    }
}
