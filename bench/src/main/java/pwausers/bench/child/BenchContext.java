package pwausers.bench.child;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A minimal Lambda context: a function name, a request id, and a logger that writes to a stream (or nowhere). */
public final class BenchContext implements Context {
    /** Where Lambda's runtime gives a function its name, as the bench gives it to its children. */
    public static final String FUNCTION_NAME = "AWS_LAMBDA_FUNCTION_NAME";
    private final String functionName;
    private final String requestId;
    private final LambdaLogger logger;

    public BenchContext(String functionName, String requestId, PrintStream logOrNull) {
        this.functionName = functionName;
        this.requestId = requestId;
        this.logger = new StreamLogger(logOrNull);
    }

    @Override public String getAwsRequestId() { return requestId; }
    @Override public String getLogGroupName() { return "/aws/lambda/" + functionName; }
    @Override public String getLogStreamName() { return "bench"; }
    @Override public String getFunctionName() { return functionName; }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:000000000000:function:" + functionName;
    }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() { return 10_000; }
    @Override public int getMemoryLimitInMB() { return 1024; }
    @Override public LambdaLogger getLogger() { return logger; }

    private record StreamLogger(PrintStream out) implements LambdaLogger {
        @Override
        public void log(String message) {
            if (out != null) {
                out.print(message);
            }
        }

        @Override
        public void log(byte[] message) {
            log(new String(message, StandardCharsets.UTF_8));
        }
    }
}
