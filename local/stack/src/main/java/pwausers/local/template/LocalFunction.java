package pwausers.local.template;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pwausers.local.engine.ProjectFiles;

/**
 * A function as template.yaml declares it (AWS::Serverless::Function): it is invoked locally by its logical id,
 * with its Handler, MemorySize, Timeout, the Environment the template gives it (evaluated for this machine), and
 * its CodeUri, the built artifact that runs (a jar, or a folder of classes), relative to the repository root
 * (where template.yaml is).
 *
 * @param codeUri          the function's code (a jar, a Maven module, or a package folder)
 * @param runtimeVariables what Lambda itself sets from the function's settings beyond its Environment: with
 *                         {@code LoggingConfig: LogFormat: JSON}, {@code AWS_LAMBDA_LOG_FORMAT} and
 *                         {@code AWS_LAMBDA_LOG_LEVEL} (the ApplicationLogLevel, INFO when the template gives none)
 * @param runtime          its Runtime ({@code java21}, ...), which decides Lambda's JVM flags
 * @param snapStart        whether the template turns SnapStart on ({@code SnapStart: ApplyOn: PublishedVersions})
 * @param reservedConcurrency its ReservedConcurrentExecutions, 0 when it reserves none
 */
public record LocalFunction(String name, String handler, int memoryMb, int timeoutSeconds,
                            Map<String, String> environment, Path codeUri, Map<String, String> runtimeVariables,
                            String runtime, boolean snapStart, int reservedConcurrency) {
    public static final String TYPE = "AWS::Serverless::Function";
    public static final String LOG_FORMAT = "AWS_LAMBDA_LOG_FORMAT";
    public static final String LOG_LEVEL = "AWS_LAMBDA_LOG_LEVEL";

    public LocalFunction {
        environment = Map.copyOf(environment);
        runtimeVariables = Map.copyOf(runtimeVariables);
    }

    /** A java21 function without SnapStart or reserved concurrency, whose code is at codeUri. */
    public LocalFunction(String name, String handler, int memoryMb, int timeoutSeconds, Map<String, String> environment,
                         Path codeUri) {
        this(name, handler, memoryMb, timeoutSeconds, environment, codeUri, Map.of(), "java21", false, 0);
    }

    public static List<LocalFunction> all(LocalValues values) {
        return values.template().logicalIdsOfType(TYPE).stream().map(id -> of(values, id)).toList();
    }

    public static LocalFunction of(LocalValues values, String logicalId) {
        Map<String, Object> properties = values.template().properties(logicalId);
        Map<String, String> environment = new LinkedHashMap<>();
        if (properties.get("Environment") instanceof Map<?, ?> env && env.get("Variables") instanceof Map<?, ?> vars) {
            vars.forEach((name, value) -> {
                String text = values.text(value);
                if (text != null) {
                    environment.put(String.valueOf(name), text);
                }
            });
        }
        String codeUri = values.text(properties.get("CodeUri"));
        return new LocalFunction(logicalId, String.valueOf(properties.get("Handler")),
                number(properties.get("MemorySize"), 128), number(properties.get("Timeout"), 3), environment,
                codeUri == null ? null : ProjectFiles.root().resolve(codeUri).normalize(),
                runtimeVariables(values, properties.get("LoggingConfig")),
                String.valueOf(properties.getOrDefault("Runtime", "java21")),
                properties.get("SnapStart") instanceof Map<?, ?> snapStart
                        && "PublishedVersions".equals(values.text(snapStart.get("ApplyOn"))),
                number(values.text(properties.get("ReservedConcurrentExecutions"))));
    }

    private static int number(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The variables Lambda derives from LoggingConfig (its advanced logging controls), as it sets them. */
    private static Map<String, String> runtimeVariables(LocalValues values, Object loggingConfig) {
        Map<String, String> variables = new LinkedHashMap<>();
        if (loggingConfig instanceof Map<?, ?> logging && "JSON".equals(values.text(logging.get("LogFormat")))) {
            String level = values.text(logging.get("ApplicationLogLevel"));
            variables.put(LOG_FORMAT, "JSON");
            variables.put(LOG_LEVEL, level == null ? "INFO" : level);
        }
        return variables;
    }

    /** The handler's class name, without the {@code ::method}. */
    public String handlerClass() {
        return handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
    }

    private static int number(Object value, int fallback) {
        return value instanceof Number n ? n.intValue() : fallback;
    }
}
