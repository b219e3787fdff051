package pwausers.local.engine;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;

/**
 * Reads a CloudFormation / SAM template written with short-form intrinsic tags (!Ref, !GetAtt, !Sub, !If, !Not,
 * !Equals, !Join, !Select, ...). Short tags are turned into their long form: {@code !Ref X} becomes
 * {@code {"Ref": "X"}}, {@code !Condition X} becomes {@code {"Condition": "X"}}, {@code !GetAtt A.B} becomes
 * {@code {"Fn::GetAtt": ["A", "B"]}} and any other {@code !X v} becomes {@code {"Fn::X": v}}. Unquoted dates stay
 * strings, as CloudFormation reads them. Intrinsic functions are not evaluated.
 */
public final class SamTemplate {

    private static final String TABLE_TYPE = "AWS::DynamoDB::Table";

    private final Path path;
    private final Map<String, Object> template;
    private final Map<String, Object> resources;

    private SamTemplate(Path path, Map<String, Object> template) {
        this.path = path;
        this.template = Collections.unmodifiableMap(template);
        this.resources = Collections.unmodifiableMap(map(template.get("Resources"), "Resources"));
    }

    /**
     * Reads a template.
     *
     * @throws UncheckedIOException if it cannot be read
     * @throws IllegalArgumentException if it has no Resources mapping
     */
    public static SamTemplate read(Path path) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object document;
        try (Reader reader = Files.newBufferedReader(path)) {
            document = new Yaml(new LongFormConstructor(options)).load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the template " + path, e);
        }
        if (!(document instanceof Map<?, ?> template) || !(template.get("Resources") instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(path + " is not a template: it has no Resources mapping");
        }
        return new SamTemplate(path, map(template, "the template"));
    }

    /** A top-level section such as Parameters, Globals or Outputs, or an empty map if the template has none. */
    public Map<String, Object> section(String name) {
        Object section = template.get(name);
        return section == null ? Map.of() : map(section, name);
    }

    /** The Outputs section by logical id. */
    public Map<String, Object> outputs() {
        return section("Outputs");
    }

    /** The Default of each parameter that has one, by parameter name, as text. */
    public Map<String, String> parameterDefaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        section("Parameters").forEach((name, parameter) -> {
            if (parameter instanceof Map<?, ?> p && p.get("Default") != null) {
                defaults.put(name, String.valueOf(p.get("Default")));
            }
        });
        return defaults;
    }

    /** The resources by logical id, in template order. */
    public Map<String, Object> resources() {
        return resources;
    }

    /**
     * The resource with that logical id: its Type, Properties, DeletionPolicy, ...
     *
     * @throws IllegalArgumentException if the template has no such resource
     */
    public Map<String, Object> resource(String logicalId) {
        Object resource = resources.get(logicalId);
        if (resource == null) {
            throw new IllegalArgumentException(path + " has no resource " + logicalId + "; it has " + resources.keySet());
        }
        return map(resource, logicalId);
    }

    /** The Properties of the resource with that logical id, or an empty map if it has none. */
    public Map<String, Object> properties(String logicalId) {
        Object properties = resource(logicalId).get("Properties");
        return properties == null ? Map.of() : map(properties, logicalId + ".Properties");
    }

    /** The logical ids of the resources of that type, such as AWS::DynamoDB::Table, in template order. */
    public List<String> logicalIdsOfType(String type) {
        return resources.entrySet().stream()
                .filter(e -> e.getValue() instanceof Map<?, ?> resource && type.equals(resource.get("Type")))
                .map(Map.Entry::getKey)
                .toList();
    }

    /**
     * The CreateTable request for the AWS::DynamoDB::Table with that logical id, named tableName: its key schema,
     * attribute definitions, billing mode (PROVISIONED by default, with its provisioned throughput) and secondary
     * indexes. Properties that only matter in AWS (encryption, backups, TTL, streams, tags, deletion protection)
     * are left out.
     *
     * @throws IllegalArgumentException if the resource is not a table, or a property it needs is missing or is an
     *     intrinsic function
     */
    public CreateTableRequest createTableRequest(String logicalId, String tableName) {
        Object type = resource(logicalId).get("Type");
        if (!TABLE_TYPE.equals(type)) {
            throw new IllegalArgumentException(logicalId + " is a " + type + ", not an " + TABLE_TYPE);
        }
        Map<String, Object> properties = properties(logicalId);
        String where = logicalId + ".Properties.";
        Object billingMode = properties.get("BillingMode");
        boolean provisioned = billingMode == null || "PROVISIONED".equals(text(billingMode, where + "BillingMode"));
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(tableName)
                .keySchema(keySchema(properties.get("KeySchema"), where + "KeySchema"))
                .attributeDefinitions(maps(properties.get("AttributeDefinitions"), where + "AttributeDefinitions").stream()
                        .map(a -> AttributeDefinition.builder()
                                .attributeName(text(a.get("AttributeName"), where + "AttributeDefinitions.AttributeName"))
                                .attributeType(text(a.get("AttributeType"), where + "AttributeDefinitions.AttributeType"))
                                .build())
                        .toList())
                .billingMode(provisioned ? "PROVISIONED" : text(billingMode, where + "BillingMode"));
        if (provisioned) {
            request.provisionedThroughput(throughput(properties.get("ProvisionedThroughput"), where + "ProvisionedThroughput"));
        }
        if (properties.containsKey("GlobalSecondaryIndexes")) {
            String at = where + "GlobalSecondaryIndexes";
            request.globalSecondaryIndexes(maps(properties.get("GlobalSecondaryIndexes"), at).stream()
                    .map(index -> {
                        GlobalSecondaryIndex.Builder gsi = GlobalSecondaryIndex.builder()
                                .indexName(text(index.get("IndexName"), at + ".IndexName"))
                                .keySchema(keySchema(index.get("KeySchema"), at + ".KeySchema"))
                                .projection(projection(index.get("Projection"), at + ".Projection"));
                        if (provisioned) {
                            gsi.provisionedThroughput(throughput(index.get("ProvisionedThroughput"), at + ".ProvisionedThroughput"));
                        }
                        return gsi.build();
                    })
                    .toList());
        }
        if (properties.containsKey("LocalSecondaryIndexes")) {
            String at = where + "LocalSecondaryIndexes";
            request.localSecondaryIndexes(maps(properties.get("LocalSecondaryIndexes"), at).stream()
                    .map(index -> LocalSecondaryIndex.builder()
                            .indexName(text(index.get("IndexName"), at + ".IndexName"))
                            .keySchema(keySchema(index.get("KeySchema"), at + ".KeySchema"))
                            .projection(projection(index.get("Projection"), at + ".Projection"))
                            .build())
                    .toList());
        }
        return request.build();
    }

    private static List<KeySchemaElement> keySchema(Object value, String where) {
        return maps(value, where).stream()
                .map(k -> KeySchemaElement.builder()
                        .attributeName(text(k.get("AttributeName"), where + ".AttributeName"))
                        .keyType(text(k.get("KeyType"), where + ".KeyType"))
                        .build())
                .toList();
    }

    private static ProvisionedThroughput throughput(Object value, String where) {
        Map<String, Object> throughput = map(value, where);
        return ProvisionedThroughput.builder()
                .readCapacityUnits(number(throughput.get("ReadCapacityUnits"), where + ".ReadCapacityUnits"))
                .writeCapacityUnits(number(throughput.get("WriteCapacityUnits"), where + ".WriteCapacityUnits"))
                .build();
    }

    private static Projection projection(Object value, String where) {
        Map<String, Object> projection = map(value, where);
        Projection.Builder builder = Projection.builder();
        if (projection.containsKey("ProjectionType")) {
            builder.projectionType(text(projection.get("ProjectionType"), where + ".ProjectionType"));
        }
        if (projection.containsKey("NonKeyAttributes")) {
            builder.nonKeyAttributes(list(projection.get("NonKeyAttributes"), where + ".NonKeyAttributes").stream()
                    .map(a -> text(a, where + ".NonKeyAttributes"))
                    .toList());
        }
        return builder.build();
    }

    // Typed views of the parsed YAML, with errors that say where in the template the problem is.

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String where) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException(where + " must be a mapping, not " + describe(value));
    }

    private static List<?> list(Object value, String where) {
        if (value instanceof List<?> list) {
            return list;
        }
        throw new IllegalArgumentException(where + " must be a list, not " + describe(value));
    }

    private static List<Map<String, Object>> maps(Object value, String where) {
        return list(value, where).stream().map(item -> map(item, where + "[]")).toList();
    }

    private static String text(Object value, String where) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw new IllegalArgumentException(where + " must be a literal value, not " + describe(value));
    }

    private static long number(Object value, String where) {
        try {
            return Long.parseLong(text(value, where));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + " must be a whole number, not " + value, e);
        }
    }

    private static String describe(Object value) {
        return value == null ? "missing" : value instanceof Map<?, ?> ? "the mapping " + value : value.toString();
    }

    /** Builds plain maps, lists and scalars, turning short-form intrinsic tags into their long form. */
    private static final class LongFormConstructor extends SafeConstructor {

        LongFormConstructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
            yamlMultiConstructors.put("!", new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String name = node.getTag().getValue().substring(1);
                    Object value = node instanceof ScalarNode scalar ? constructScalar(scalar)
                            : node instanceof SequenceNode sequence ? constructSequence(sequence)
                            : constructMapping((MappingNode) node);
                    return switch (name) {
                        case "Ref", "Condition" -> Map.of(name, value);
                        case "GetAtt" -> Map.of("Fn::GetAtt", value instanceof String s ? splitAtFirstDot(s) : value);
                        default -> Map.of("Fn::" + name, value);
                    };
                }
            });
        }

        /** !GetAtt Resource.Attribute: the attribute may itself contain dots (Endpoint.Address). */
        private static List<String> splitAtFirstDot(String value) {
            int dot = value.indexOf('.');
            return dot < 0 ? List.of(value) : List.of(value.substring(0, dot), value.substring(dot + 1));
        }
    }
}
