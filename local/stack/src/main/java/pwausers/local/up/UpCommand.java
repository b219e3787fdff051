package pwausers.local.up;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import pwausers.local.engine.ProjectFiles;

/** {@code ./pwa-users up}: starts the local stack, says what is where, logs each request, stops on Ctrl-C. */
public final class UpCommand {
    public static final int DEFAULT_PORT = 3000;
    public static final int DEFAULT_LAMBDA_PORT = 3001;
    public static final int DEFAULT_DYNAMODB_PORT = 8000;

    private UpCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path root = ProjectFiles.root();
        int port = DEFAULT_PORT;
        int lambdaPort = DEFAULT_LAMBDA_PORT;
        int dynamodbPort = DEFAULT_DYNAMODB_PORT;
        Path data = root.resolve(".pwa-users").resolve("data");
        Map<String, String> parameters = new LinkedHashMap<>();
        try {
            for (int i = 1; i < args.length; i++) {
                String flag = args[i];
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (flag) {
                    case "--port" -> port = port(flag, value);
                    case "--lambda-port" -> lambdaPort = port(flag, value);
                    case "--dynamodb-port" -> dynamodbPort = port(flag, value);
                    case "--data" -> data = Path.of(required(flag, value)).toAbsolutePath();
                    case "--parameter" -> {
                        String p = required(flag, value);
                        if (!p.contains("=")) {
                            throw new IllegalArgumentException("--parameter takes NAME=VALUE, e.g. AllowedOrigin=https://example.com");
                        }
                        parameters.put(p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1));
                    }
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
                i++;
            }
        } catch (IllegalArgumentException e) {
            err.println("pwa-users up: " + e.getMessage());
            return 2;
        }

        LocalStack stack;
        try {
            stack = LocalStack.start(new LocalStack.Options(port, lambdaPort, dynamodbPort, data,
                    root.resolve("web"), parameters, out));
        } catch (RuntimeException e) {
            err.println("pwa-users up: " + e.getMessage());
            return 1;
        }
        long pid = ProcessHandle.current().pid();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("pwa-users: stopping...");
            stack.close();
            UpState.delete(root, pid);
            out.println("pwa-users: stopped");
            stopped.countDown();
        }, "pwa-users-stop"));
        try {
            new UpState(pid, stack.dynamodbEndpoint().toString(), stack.apiUrl().toString(), stack.lambdaUrl().toString(),
                    parameters, null).write(root);
        } catch (IOException e) {
            err.println("pwa-users up: cannot write " + UpState.file(root) + " (invoke will not find this stack): " + e);
        }
        banner(out, stack, data, root);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static void banner(PrintStream out, LocalStack stack, Path data, Path root) {
        String table = stack.values().tableName("PwaUsersTable");
        String function = stack.functionNames().isEmpty() ? "AddPwaUser" : stack.functionNames().get(0);
        out.printf("""
                pwa-users is up (Ctrl-C stops it)
                  Web app          %s/
                  API              POST %s/pwausers
                  DynamoDB         %s   e.g. aws dynamodb scan --endpoint-url %s --table-name %s
                  Lambda invoke    %s   e.g. aws lambda invoke --function-name %s --endpoint-url %s \\
                                       --payload fileb://events/workshop-test-event.json out.json
                  Data             %s
                """, stack.apiUrl(), stack.apiUrl(), stack.dynamodbEndpoint(), stack.dynamodbEndpoint(), table,
                stack.lambdaUrl(), function, stack.lambdaUrl(), root.relativize(data).toString().isEmpty() ? data
                        : data.startsWith(root) ? root.relativize(data) : data);
        out.flush();
    }

    private static String required(String flag, String value) {
        if (value == null || value.startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return value;
    }

    private static int port(String flag, String value) {
        try {
            int port = Integer.parseInt(required(flag, value));
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " takes a port number from 1 to 65535, not " + value);
        }
    }
}
