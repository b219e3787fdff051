package pwausers.local;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The commands behind {@code ./pwa-users}. */
public final class PwaUsersCli {
    private static final String USAGE = """
            usage: ./pwa-users COMMAND

              up [--port 3000] [--lambda-port 3001] [--dynamodb-port 8000] [--data .pwa-users/data]
                 [--parameter NAME=VALUE]...
                  Runs the whole system on this machine from template.yaml: the API and the web app on --port,
                  Lambda's Invoke API on --lambda-port, DynamoDB (dynalite) on --dynamodb-port with its data in
                  --data. Ctrl-C stops it all.

              invoke EVENT_FILE [--function NAME]
                  Runs the function once on that event, as the Lambda console's Test button does, and prints
                  its result JSON. DynamoDB: AWS_ENDPOINT_URL_DYNAMODB (or AWS_ENDPOINT_URL), AWS_REGION and the
                  credentials chain, or the engine of a running up; the function: TABLE_NAME, ALLOWED_ORIGIN.

              bench [--quick | --help | jmh]
                  Cold start, warm latency and throughput beside the Node.js reference function (bench/).

              loadtest [--clients N] [--requests N] [--scenario NAME] [--help]
                  Load and faults through the local stack, every answer checked against the table (bench/).

              deploy [--stack-name NAME] [--parameter NAME=VALUE]... [--web-only] [--help]
                  Deploys to your AWS account through SAM CLI: the stack, then the web app; prints its URL (deploy/).
            """;

    private PwaUsersCli() {
    }

    public static void main(String[] args) {
        // line by line, so that a console shows each request as it happens, even when redirected to a file
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            (args.length == 0 ? err : out).print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        switch (args[0]) {
            case "invoke": {
                String function = null;
                Path event = null;
                for (int i = 1; i < args.length; i++) {
                    if (args[i].equals("--function") && i + 1 < args.length) {
                        function = args[++i];
                    } else if (event == null && !args[i].startsWith("--")) {
                        event = Path.of(args[i]);
                    } else {
                        err.println("pwa-users invoke: unexpected argument " + args[i]);
                        err.print(USAGE);
                        return 2;
                    }
                }
                if (event == null) {
                    err.println("pwa-users invoke: which event? e.g. ./pwa-users invoke events/workshop-test-event.json");
                    return 2;
                }
                return new InvokeCommand(System.getenv(), out, err).run(event, function);
            }
            case "up":
                return pwausers.local.up.UpCommand.run(args, out, err);
            default:
                err.println("pwa-users: unknown command " + args[0]);
                err.print(USAGE);
                return 2;
        }
    }
}
