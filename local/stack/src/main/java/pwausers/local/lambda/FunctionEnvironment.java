package pwausers.local.lambda;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pwausers.function.contract.Environment;
import pwausers.local.template.LocalFunction;
import pwausers.local.template.LocalValues;

/**
 * The environment a function sees locally, composed as SAM CLI composes it for {@code sam local}: the variables
 * Lambda sets (the function's name, memory, version, log format and level, region and credentials), then each
 * variable the template declares in the function's Environment, whose value is the template's, unless the shell
 * exports that name, unless the {@code --env-vars} file gives it. Nothing else of the shell's environment reaches the function.
 */
public final class FunctionEnvironment {
    /** The version a call runs: the unpublished one. */
    static final String VERSION = "$LATEST";
    static final String LOG_STREAM_NAME = "local";

    private FunctionEnvironment() {
    }

    /** Lambda's default log group of a function. */
    static String logGroupName(String functionName) {
        return "/aws/lambda/" + functionName;
    }

    /** The ARN a function has, in the local region and account. */
    static String functionArn(String functionName) {
        return "arn:aws:lambda:" + LocalValues.REGION + ":" + LocalValues.ACCOUNT_ID + ":function:" + functionName;
    }

    /**
     * @param aws   the AWS settings: region, credentials and the DynamoDB endpoint if it is not AWS's
     *              ({@link LocalAwsSettings})
     * @param shell this process's environment
     */
    public static Map<String, String> of(LocalFunction function, Map<String, String> aws, Map<String, String> shell,
                                         EnvVarsFile overrides) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("AWS_LAMBDA_FUNCTION_NAME", function.name());
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", VERSION);
        environment.put("AWS_LAMBDA_LOG_GROUP_NAME", logGroupName(function.name()));
        environment.put("AWS_LAMBDA_LOG_STREAM_NAME", LOG_STREAM_NAME);
        environment.put(Environment.INITIALIZATION_TYPE, Environment.ON_DEMAND);
        environment.putAll(function.runtimeVariables());
        environment.putAll(aws);
        Map<String, String> fromFile = overrides.overridesFor(function.name());
        function.environment().forEach((name, value) -> {
            String chosen = fromFile.containsKey(name) ? fromFile.get(name) : shell.getOrDefault(name, value);
            environment.put(name, chosen);
        });
        return environment;
    }

    /** The variables of the template whose value comes from the shell (exported, and not given by the file). */
    public static List<String> fromShell(LocalFunction function, Map<String, String> shell, EnvVarsFile overrides) {
        Map<String, String> fromFile = overrides.overridesFor(function.name());
        return function.environment().keySet().stream()
                .filter(name -> shell.containsKey(name) && !fromFile.containsKey(name)).sorted().toList();
    }

    /**
     * What to tell the user about where the function's variables come from, beyond the template: the shell's
     * exports that override it, the file's variables that the template does not declare (ignored, as SAM CLI does).
     */
    public static List<String> notes(LocalFunction function, Map<String, String> shell, EnvVarsFile overrides) {
        List<String> notes = new ArrayList<>();
        for (String name : fromShell(function, shell, overrides)) {
            notes.add(function.name() + "'s " + name + " is your shell's, not template.yaml's (unset it to use the"
                    + " template's)");
        }
        for (String name : ignored(function, overrides)) {
            notes.add(overrides.path() + " gives " + function.name() + " the variable " + name
                    + ", which template.yaml does not declare: ignored, as SAM CLI does");
        }
        return notes;
    }

    /** The variables the file gives that function and its template does not declare: SAM CLI ignores them too. */
    public static List<String> ignored(LocalFunction function, EnvVarsFile overrides) {
        return overrides.overridesFor(function.name()).keySet().stream()
                .filter(name -> !function.environment().containsKey(name)).toList();
    }
}
