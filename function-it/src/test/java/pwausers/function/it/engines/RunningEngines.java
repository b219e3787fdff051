package pwausers.function.it.engines;

import java.util.EnumMap;
import java.util.Map;
import pwausers.local.engine.LocalEngine;

/**
 * One engine of each kind for all the integration tests of a test run that share one ({@code @ParameterizedClass}
 * over {@link Engine}): started on first use, stopped when the test JVM exits. Tests keep apart by their tables
 * ({@link TestTables}), so they share engines safely, in parallel, and the run starts two engines instead of one per
 * class: starting Node.js or Python is the slow part on a busy machine.
 */
public final class RunningEngines {
    private static final Map<Engine, LocalEngine> RUNNING = new EnumMap<>(Engine.class);

    private RunningEngines() {
    }

    /** The running engine of this kind, started now if none is. */
    public static synchronized LocalEngine of(Engine kind) {
        LocalEngine engine = RUNNING.get(kind);
        if (engine == null) {
            engine = kind.start();
            RUNNING.put(kind, engine);
            Runtime.getRuntime().addShutdownHook(new Thread(engine::close, "stop-" + kind));
        }
        return engine;
    }
}
