package pwausers.local.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import pwausers.local.template.LocalValues;

/** The Lambda context of one local invocation; the function's log lines go to the given stream. */
public final class LocalContext implements Context {
    /** The version a call runs: the unpublished one. */
    static final String VERSION = "$LATEST";
    static final String LOG_STREAM_NAME = "local";
    private final String requestId = RequestIds.next();
    private final String functionName;
    private final int memoryMb;
    private final long deadlineMillis;
    private final LambdaLogger logger;
    private final StringBuilder captured = new StringBuilder();

    public LocalContext(String functionName, int memoryMb, int timeoutSeconds, PrintStream log) {
        this.functionName = functionName;
        this.memoryMb = memoryMb;
        this.deadlineMillis = System.currentTimeMillis() + timeoutSeconds * 1000L;
        this.logger = new LambdaLogger() {
            @Override
            public void log(String message) {
                String line = message.endsWith("\n") ? message : message + "\n";
                synchronized (captured) {
                    captured.append(line);
                }
                log.print(line);
                log.flush();
            }

            @Override
            public void log(byte[] message) {
                log(new String(message, StandardCharsets.UTF_8));
            }
        };
    }

    /** What the function logged during this call (for the invoke API's X-Amz-Log-Type: Tail). */
    public String capturedLog() {
        synchronized (captured) {
            return captured.toString();
        }
    }

    @Override public String getAwsRequestId() { return requestId; }
    /** Lambda's default log group of a function. */
    static String logGroupName(String functionName) {
        return "/aws/lambda/" + functionName;
    }

    /** The ARN a function has, in the local region and account. */
    static String functionArn(String functionName) {
        return "arn:aws:lambda:" + LocalValues.REGION + ":" + LocalValues.ACCOUNT_ID + ":function:" + functionName;
    }

    @Override public String getLogGroupName() { return logGroupName(functionName); }
    @Override public String getLogStreamName() { return LOG_STREAM_NAME; }
    @Override public String getFunctionName() { return functionName; }
    @Override public String getFunctionVersion() { return VERSION; }
    @Override public String getInvokedFunctionArn() { return functionArn(functionName); }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
    }
    @Override public int getMemoryLimitInMB() { return memoryMb; }
    @Override public LambdaLogger getLogger() { return logger; }
}
