package pwausers.function.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import pwausers.local.engine.LocalEngine;

/**
 * The engines of one test class that runs on each {@link Engine} ({@code @ParameterizedClass}): one per kind, from
 * the start of the class's run on it to its end; the runs on both kinds may go in parallel.
 */
public final class RunningEngines {
    private final Map<Engine, LocalEngine> running = new ConcurrentHashMap<>();

    public void start(Engine kind) {
        running.put(kind, kind.start());
    }

    public LocalEngine get(Engine kind) {
        return running.get(kind);
    }

    public void stop(Engine kind) {
        running.remove(kind).close();
    }
}
