package pwausers.function.testkit;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one stand-in Lambda context of the repository: the tests' (the function's, the local stack's, the deployment's)
 * and the harnesses' that run the function as Lambda does (the bench's children, packed into their jar with it).
 * A request id, the function's name, a remaining time that runs down from the moment it is made, as Lambda's does,
 * and a logger that keeps every message with the level it was logged at, as Lambda's runtime receives them, or, for
 * a harness, writes them to a stream (or nowhere) and keeps none. It needs nothing but the Lambda API and the JDK.
 */
public final class TestContext implements Context {
    /** The function's name in template.yaml. */
    public static final String FUNCTION_NAME = "AddPwaUser";
    /** What Lambda leaves a request by default here: the function's Timeout (template.yaml). */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** One message as the runtime's logger received it; {@link LogLevel#UNDEFINED} when logged without a level. */
    public record Logged(LogLevel level, String message) {
    }

    public final String requestId;
    /** Every message logged, stripped of its line end, in order (none for a harness's context). */
    public final List<String> logLines = new CopyOnWriteArrayList<>();
    /** The same, with their levels. */
    public final List<Logged> logged = new CopyOnWriteArrayList<>();
    private final String functionName;
    private final long endNanos;
    /** A harness's: where messages go as they come (null: nowhere); they are kept only when there is none. */
    private final PrintStream out;
    private final boolean keep;

    private final LambdaLogger logger = new LambdaLogger() {
        @Override
        public void log(String message) {
            log(message, LogLevel.UNDEFINED);
        }

        @Override
        public void log(byte[] message) {
            log(message, LogLevel.UNDEFINED);
        }

        @Override
        public void log(String message, LogLevel level) {
            if (keep) {
                logLines.add(message.strip());
                logged.add(new Logged(level, message.strip()));
            } else if (out != null) {
                out.print(message);
            }
        }

        @Override
        public void log(byte[] message, LogLevel level) {
            log(new String(message, StandardCharsets.UTF_8), level);
        }
    };

    /** A context with the function's Timeout left. */
    public TestContext() {
        this(TIMEOUT);
    }

    /** A context whose request has {@code timeLeft} before Lambda would stop the function. */
    public TestContext(Duration timeLeft) {
        this(UUID.randomUUID().toString(), FUNCTION_NAME, timeLeft, null, true);
    }

    private TestContext(String requestId, String functionName, Duration timeLeft, PrintStream out, boolean keep) {
        this.requestId = requestId;
        this.functionName = functionName;
        this.endNanos = System.nanoTime() + timeLeft.toNanos();
        this.out = out;
        this.keep = keep;
    }

    /**
     * A harness's context: this request id and function name (null: the template's), the function's Timeout left,
     * every message written to {@code log} as it comes (null: dropped), none kept.
     */
    public static TestContext forHarness(String requestId, String functionName, PrintStream log) {
        return new TestContext(requestId, functionName == null ? FUNCTION_NAME : functionName, TIMEOUT, log, false);
    }

    /** What remains before Lambda would stop the function; negative once it would have. */
    public Duration timeLeft() {
        return Duration.ofNanos(endNanos - System.nanoTime());
    }

    @Override public String getAwsRequestId() { return requestId; }
    @Override public String getLogGroupName() { return "/aws/lambda/" + functionName; }
    @Override public String getLogStreamName() { return "test"; }
    @Override public String getFunctionName() { return functionName; }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:123456789012:function:" + functionName;
    }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() { return (int) Math.max(0, timeLeft().toMillis()); }
    @Override public int getMemoryLimitInMB() { return 1024; }
    @Override public LambdaLogger getLogger() { return logger; }
}
