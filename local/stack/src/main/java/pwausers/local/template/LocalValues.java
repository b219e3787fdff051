package pwausers.local.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import pwausers.local.engine.SamTemplate;

/**
 * Evaluates the template's values as CloudFormation would, for this machine: parameters take their defaults
 * (or the overrides given to {@code up}), conditions are evaluated, {@code !Ref} to a table gives its local name,
 * {@code !Sub} substitutes parameters and pseudo parameters. What has no local meaning (ARNs, other attributes)
 * resolves to null.
 */
public final class LocalValues {
    /** The region, account and stack that pseudo parameters resolve to locally. */
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT_ID = "000000000000";
    public static final String STACK_NAME = "pwa-users-local";
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");
    private static final Object NO_VALUE = new Object();

    private final SamTemplate template;
    private final Map<String, String> parameters;

    public LocalValues(SamTemplate template, Map<String, String> overrides) {
        this.template = template;
        Map<String, String> parameters = new LinkedHashMap<>(template.parameterDefaults());
        overrides.forEach((name, value) -> {
            if (!template.section("Parameters").containsKey(name)) {
                throw new IllegalArgumentException("template.yaml has no parameter " + name
                        + "; it has " + template.section("Parameters").keySet());
            }
            parameters.put(name, value);
        });
        this.parameters = Map.copyOf(parameters);
    }

    public SamTemplate template() {
        return template;
    }

    /** The value as text, or null when it has none locally (AWS::NoValue, an ARN, ...). */
    public String text(Object value) {
        Object resolved = resolve(value);
        return resolved == null || resolved == NO_VALUE ? null : String.valueOf(resolved);
    }

    /**
     * The local name of a table: its TableName if the template fixes one, else its logical id without the
     * "Table" suffix (PwaUsersTable: PwaUsers), where CloudFormation would make one up.
     */
    public String tableName(String logicalId) {
        String fixed = text(template.properties(logicalId).get("TableName"));
        if (fixed != null && !fixed.isEmpty()) {
            return fixed;
        }
        return logicalId.endsWith("Table") && logicalId.length() > "Table".length()
                ? logicalId.substring(0, logicalId.length() - "Table".length()) : logicalId;
    }

    private Object resolve(Object value) {
        if (!(value instanceof Map<?, ?> map) || map.size() != 1) {
            return value;
        }
        Map.Entry<?, ?> fn = map.entrySet().iterator().next();
        Object arg = fn.getValue();
        return switch (String.valueOf(fn.getKey())) {
            case "Ref" -> ref(String.valueOf(arg));
            case "Fn::Sub" -> sub(arg);
            case "Fn::If" -> {
                List<?> args = (List<?>) arg;
                yield resolve(condition(String.valueOf(args.get(0))) ? args.get(1) : args.get(2));
            }
            case "Fn::Join" -> {
                List<?> args = (List<?>) arg;
                List<String> parts = new ArrayList<>();
                for (Object part : (List<?>) resolve(args.get(1))) {
                    parts.add(text(part));
                }
                yield String.join(String.valueOf(args.get(0)), parts);
            }
            default -> null; // Fn::GetAtt and the rest have no local value
        };
    }

    private Object ref(String name) {
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        return switch (name) {
            case "AWS::NoValue" -> NO_VALUE;
            case "AWS::Region" -> REGION;
            case "AWS::AccountId" -> ACCOUNT_ID;
            case "AWS::StackName" -> STACK_NAME;
            case "AWS::Partition" -> "aws";
            case "AWS::URLSuffix" -> "amazonaws.com";
            default -> template.resources().containsKey(name) && "AWS::DynamoDB::Table".equals(
                    template.resource(name).get("Type")) ? tableName(name) : name;
        };
    }

    private String sub(Object arg) {
        String text = arg instanceof List<?> list ? String.valueOf(list.get(0)) : String.valueOf(arg);
        Map<?, ?> variables = arg instanceof List<?> list && list.size() > 1 ? (Map<?, ?>) list.get(1) : Map.of();
        Matcher m = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = variables.containsKey(name) ? text(variables.get(name))
                    : name.contains(".") ? null : text(Map.of("Ref", name));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private boolean condition(String name) {
        return truth(template.section("Conditions").get(name));
    }

    private boolean truth(Object expression) {
        if (!(expression instanceof Map<?, ?> map) || map.size() != 1) {
            return Boolean.parseBoolean(String.valueOf(expression));
        }
        Map.Entry<?, ?> fn = map.entrySet().iterator().next();
        List<?> args = fn.getValue() instanceof List<?> list ? list : List.of(fn.getValue());
        return switch (String.valueOf(fn.getKey())) {
            case "Fn::Equals" -> String.valueOf(text(args.get(0))).equals(String.valueOf(text(args.get(1))));
            case "Fn::Not" -> !truth(args.get(0));
            case "Fn::And" -> args.stream().allMatch(this::truth);
            case "Fn::Or" -> args.stream().anyMatch(this::truth);
            case "Condition" -> condition(String.valueOf(args.get(0)));
            default -> throw new IllegalArgumentException("cannot evaluate the condition " + expression);
        };
    }
}
