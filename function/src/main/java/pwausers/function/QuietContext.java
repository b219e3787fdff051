package pwausers.function;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/** The context of a warm-up or priming run: its log lines go nowhere (they are not requests). */
final class QuietContext implements Context, LambdaLogger {
    static final QuietContext INSTANCE = new QuietContext();

    private QuietContext() {
    }

    @Override public String getAwsRequestId() { return "warm-up"; }
    @Override public String getLogGroupName() { return null; }
    @Override public String getLogStreamName() { return null; }
    @Override public String getFunctionName() { return null; }
    @Override public String getFunctionVersion() { return null; }
    @Override public String getInvokedFunctionArn() { return null; }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() { return Integer.MAX_VALUE; }
    @Override public int getMemoryLimitInMB() { return 0; }
    @Override public LambdaLogger getLogger() { return this; }
    @Override public void log(String message) { }
    @Override public void log(byte[] message) { }
}
