package pwausers.function.it;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import pwausers.function.AddPwaUserHandler;

/**
 * The DynamoDB operations the function's compiled code calls, read from its bytecode with javap (the calls on
 * {@code DynamoDbClient}), as IAM actions: {@code putItem} is {@code dynamodb:PutItem}.
 */
final class DynamoDbCalls {
    private static final Pattern CALL =
            Pattern.compile("InterfaceMethod software/amazon/awssdk/services/dynamodb/DynamoDbClient\\.(\\w+):");
    /** Where the function's classes are: its target/classes, or its jar (the reactor gives either). */
    private static final Path CLASSES = location(AddPwaUserHandler.class);
    /** DynamoDbClient's methods that are not DynamoDB operations. */
    private static final Set<String> NOT_OPERATIONS =
            Set.of("builder", "create", "close", "serviceName", "serviceClientConfiguration", "waiter", "utilities");

    private DynamoDbCalls() {
    }

    static Set<String> iamActions(Class<?> type) {
        return actions(List.of(type.getName()));
    }

    static Set<String> iamActionsOfTheWholeFunction() {
        try (FileSystem jar = Files.isDirectory(CLASSES) ? null : FileSystems.newFileSystem(CLASSES);
             Stream<Path> files = Files.walk(jar == null ? CLASSES : jar.getPath("/"))) {
            Path root = jar == null ? CLASSES : jar.getPath("/");
            return actions(files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> root.relativize(f).toString().replaceFirst("\\.class$", "").replace('/', '.'))
                    .filter(name -> name.startsWith("pwausers.") && !name.endsWith("package-info"))
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> actions(List<String> classNames) {
        ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow(() -> new IllegalStateException("no javap"));
        List<String> args = new ArrayList<>(List.of("-c", "-p", "-cp", CLASSES.toString()));
        args.addAll(classNames);
        StringWriter out = new StringWriter();
        int code = javap.run(new PrintWriter(out), new PrintWriter(out), args.toArray(String[]::new));
        if (code != 0) {
            throw new IllegalStateException("javap failed: " + out);
        }
        Set<String> actions = new TreeSet<>();
        Matcher m = CALL.matcher(out.toString());
        while (m.find()) {
            String op = m.group(1);
            if (!NOT_OPERATIONS.contains(op)) {
                actions.add("dynamodb:" + Character.toUpperCase(op.charAt(0)) + op.substring(1));
            }
        }
        return actions;
    }
}
