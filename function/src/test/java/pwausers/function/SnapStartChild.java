package pwausers.function;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import pwausers.function.testing.Invocation;
import pwausers.function.testkit.crac.Core;

/**
 * The function in a JVM of its own, as Lambda initialises it for a SnapStart snapshot: its no-argument constructor
 * with {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}, then the CRaC hooks, reached through org.crac as Lambda's
 * runtime reaches them (the JVM runs with {@code -Dorg.crac.Core.Compat=pwausers.function.testkit.crac}). At the
 * snapshot's moment it prints {@value #SNAPSHOT} and waits for a line on stdin; after the restore it answers the
 * workshop's event and prints {@value #ANSWER} and the status. SnapStartTest drives it.
 */
public final class SnapStartChild {
    static final String SNAPSHOT = "snapshot";
    static final String ANSWER = "status ";

    private SnapStartChild() {
    }

    public static void main(String[] args) throws Exception {
        AddPwaUserHandler handler = new AddPwaUserHandler();
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Core.atSnapshot(() -> {
            System.out.println(SNAPSHOT);
            System.out.flush();
            try {
                stdin.readLine(); // the test has looked at the process as the snapshot would hold it
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        org.crac.Core.checkpointRestore();
        Invocation answer = Invocation.invoke(handler, Invocation.event("workshop-test-event.json"));
        System.out.println(ANSWER + answer.statusCode());
        System.out.flush();
    }
}
