package pwausers.function.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A Lambda context whose logger keeps every line, so tests can read what the function logged, and whose remaining
 * time runs down from the moment it is made, as Lambda's does.
 */
public final class TestContext implements Context {
    /** What Lambda leaves a request by default here: the function's Timeout (template.yaml). */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    public final String requestId = UUID.randomUUID().toString();
    public final List<String> logLines = new ArrayList<>();
    private final long endNanos;

    private final LambdaLogger logger = new LambdaLogger() {
        @Override
        public void log(String message) {
            logLines.add(message.strip());
        }

        @Override
        public void log(byte[] message) {
            log(new String(message, StandardCharsets.UTF_8));
        }
    };

    public TestContext() {
        this(TIMEOUT);
    }

    /** A context whose request has {@code timeLeft} before Lambda would stop the function. */
    public TestContext(Duration timeLeft) {
        this.endNanos = System.nanoTime() + timeLeft.toNanos();
    }

    /** What remains before Lambda would stop the function; negative once it would have. */
    public Duration timeLeft() {
        return Duration.ofNanos(endNanos - System.nanoTime());
    }

    @Override public String getAwsRequestId() { return requestId; }
    @Override public String getLogGroupName() { return "/aws/lambda/AddPwaUser"; }
    @Override public String getLogStreamName() { return "test"; }
    @Override public String getFunctionName() { return "AddPwaUser"; }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:123456789012:function:AddPwaUser"; }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() { return (int) Math.max(0, timeLeft().toMillis()); }
    @Override public int getMemoryLimitInMB() { return 1024; }
    @Override public LambdaLogger getLogger() { return logger; }
}
