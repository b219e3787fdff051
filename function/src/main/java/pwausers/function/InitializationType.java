package pwausers.function;

import java.util.Map;

/**
 * How Lambda is initialising this function ({@code AWS_LAMBDA_INITIALIZATION_TYPE}: {@code on-demand},
 * {@code provisioned-concurrency} or {@code snap-start}); the one place that answers "is this a SnapStart init?".
 */
public final class InitializationType {
    public static final String VARIABLE = "AWS_LAMBDA_INITIALIZATION_TYPE";
    public static final String ON_DEMAND = "on-demand";
    public static final String SNAP_START = "snap-start";

    private InitializationType() {
    }

    /** True when Lambda initialises the function to snapshot it (SnapStart), rather than to serve at once. */
    static boolean isSnapStart(Map<String, String> environment) {
        return SNAP_START.equals(environment.get(VARIABLE));
    }
}
