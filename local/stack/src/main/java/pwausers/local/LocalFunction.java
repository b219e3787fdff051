package pwausers.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pwausers.local.engine.SamTemplate;

/**
 * A function as template.yaml declares it (AWS::Serverless::Function): its logical id is the name it is invoked
 * by locally, and its Handler, MemorySize, Timeout and Environment are taken from there.
 */
record LocalFunction(String name, String handler, int memoryMb, int timeoutSeconds, Map<String, Object> environment) {
    static final String TYPE = "AWS::Serverless::Function";

    static List<LocalFunction> all(SamTemplate template) {
        return template.logicalIdsOfType(TYPE).stream().map(id -> of(template, id)).toList();
    }

    static LocalFunction of(SamTemplate template, String logicalId) {
        Map<String, Object> properties = template.properties(logicalId);
        Map<String, Object> environment = new LinkedHashMap<>();
        if (properties.get("Environment") instanceof Map<?, ?> env && env.get("Variables") instanceof Map<?, ?> vars) {
            vars.forEach((k, v) -> environment.put(String.valueOf(k), v));
        }
        return new LocalFunction(logicalId, (String) properties.get("Handler"),
                number(properties.get("MemorySize"), 128), number(properties.get("Timeout"), 3), environment);
    }

    /** Makes the handler as the Lambda Java runtime does: the Handler's class, by its public no-argument constructor. */
    RequestStreamHandler newHandler() throws ReflectiveOperationException {
        String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        try {
            return (RequestStreamHandler) Class.forName(className).getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure; // the constructor's own failure, as Lambda reports an init error
            }
            throw e;
        }
    }

    private static int number(Object value, int fallback) {
        return value instanceof Number n ? n.intValue() : fallback;
    }
}
