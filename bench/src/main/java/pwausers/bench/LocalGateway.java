package pwausers.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.util.Map;
import pwausers.local.engine.Dynalite;

/**
 * The local stack (local/stack: {@code pwausers.local.up.LocalStack}, the REST API gateway on Jetty with the
 * function in process, and its own dynalite) started in this process for the throughput row.
 *
 * <p>Reached by reflection: the bench has the local stack on its runtime class path only, so that building the
 * bench alone never waits for the stack's sources. If the class is not there, or its API is not the one this
 * adapter knows, {@link #start()} says why and the row says "gateway: not available".
 */
final class LocalGateway implements AutoCloseable {
    private static final String STACK = "pwausers.local.up.LocalStack";
    private final Object stack;
    private final URI apiUrl;
    private final URI dynamodbEndpoint;
    private final String table;
    private final Dynalite engine;

    private LocalGateway(Object stack, URI apiUrl, URI dynamodbEndpoint, String table, Dynalite engine) {
        this.stack = stack;
        this.engine = engine;
        this.apiUrl = apiUrl;
        this.dynamodbEndpoint = dynamodbEndpoint;
        this.table = table;
    }

    /**
     * Starts the stack on free ports, dynalite in memory, no web app, its access log discarded.
     *
     * @throws IllegalStateException why the local gateway is not available
     */
    static LocalGateway start() {
        Class<?> stackClass;
        try {
            stackClass = Class.forName(STACK);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the local stack (" + STACK + ") is not on the class path");
        }
        try {
            Class<?> optionsClass = Class.forName(STACK + "$Options");
            RecordComponent[] components = optionsClass.getRecordComponents();
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                Class<?> type = components[i].getType();
                values[i] = type == int.class ? 0
                        : type == PrintStream.class ? new PrintStream(OutputStream.nullOutputStream())
                        : type == Map.class ? Map.of()
                        : null; // dataDir, webDir: in memory, no web app
            }
            Object options = optionsClass.getDeclaredConstructors()[0].newInstance(values);
            Object stack = stackClass.getMethod("start", optionsClass).invoke(null, options);
            URI api = (URI) stackClass.getMethod("apiUrl").invoke(stack);
            URI dynamodb = (URI) stackClass.getMethod("dynamodbEndpoint").invoke(stack);
            Object templateValues = stackClass.getMethod("values").invoke(stack);
            Method tableName = templateValues.getClass().getMethod("tableName", String.class);
            String table = (String) tableName.invoke(templateValues, "PwaUsersTable");
            Dynalite engine = (Dynalite) stackClass.getMethod("engine").invoke(stack);
            return new LocalGateway(stack, api, dynamodb, table, engine);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the local stack failed to start: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("the local stack's API is not the one the bench knows (" + e + ")", e);
        }
    }

    URI apiUrl() {
        return apiUrl;
    }

    URI dynamodbEndpoint() {
        return dynamodbEndpoint;
    }

    String table() {
        return table;
    }

    /** The stack's own dynalite. */
    Dynalite engine() {
        return engine;
    }

    @Override
    public void close() {
        try {
            stack.getClass().getMethod("close").invoke(stack);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot stop the local stack", e);
        }
    }
}
