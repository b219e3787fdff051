package pwausers.function;

import java.util.Map;
import pwausers.function.contract.Environment;

/**
 * How Lambda is initialising this function ({@code AWS_LAMBDA_INITIALIZATION_TYPE}: {@code on-demand},
 * {@code provisioned-concurrency} or {@code snap-start}); the one place that answers "is this a SnapStart init?".
 */
final class InitializationType {
    private InitializationType() {
    }

    /** True when Lambda initialises the function to snapshot it (SnapStart), rather than to serve at once. */
    static boolean isSnapStart(Map<String, String> environment) {
        return Environment.SNAP_START.equals(environment.get(Environment.INITIALIZATION_TYPE));
    }
}
