package pwausers.bench.child;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A minimal Lambda context: a request id, and a logger that writes to the given stream (or nowhere). */
public final class BenchContext implements Context {
    private final String requestId;
    private final LambdaLogger logger;

    public BenchContext(String requestId, PrintStream logOrNull) {
        this.requestId = requestId;
        this.logger = new StreamLogger(logOrNull);
    }

    @Override public String getAwsRequestId() { return requestId; }
    @Override public String getLogGroupName() { return "/aws/lambda/AddPwaUser"; }
    @Override public String getLogStreamName() { return "bench"; }
    @Override public String getFunctionName() { return "AddPwaUser"; }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:000000000000:function:AddPwaUser"; }
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
