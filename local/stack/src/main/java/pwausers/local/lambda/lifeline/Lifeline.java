package pwausers.local.lambda.lifeline;

import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;
import java.io.IOException;

/**
 * The main class of a function process: Lambda's runtime interface client ({@link AWSLambda}), bound to the life of
 * the local stack that started it. The stack holds the write end of a pipe on this process's standard input and never
 * writes to it; when the stack ends, however it ends ({@code kill -9} included), the kernel closes the pipe, this
 * process reads end-of-file and halts. Lambda itself freezes or ends its environments; here nothing else would.
 *
 * <p>It is alone in its jar on the process's class path, beside the runtime client's jars: the function's own class
 * loader (the runtime client's, over the system class path) sees nothing else of the local stack.
 */
public final class Lifeline {
    private Lifeline() {
    }

    public static void main(String[] args) throws Throwable {
        Thread watch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // nothing is ever written: only the end matters
                }
            } catch (IOException e) {
                // a broken pipe is an end too
            }
            Runtime.getRuntime().halt(137);
        }, "lifeline");
        watch.setDaemon(true);
        watch.start();
        AWSLambda.main(args);
    }
}
