package pwausers.function.testkit.crac;

import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in CRaC implementation for {@code org.crac}'s compat lookup, for tests: a JVM started with
 * {@code -Dorg.crac.Core.Compat=pwausers.function.testkit.crac} hands every resource registered through
 * {@code org.crac} to this package, as Lambda's runtime interface client does with its own
 * ({@code com.amazonaws.services.lambda.crac}) under SnapStart. {@code org.crac.Core.checkpointRestore()} then runs
 * their hooks as Lambda runs them around a snapshot (beforeCheckpoint in the reverse order of registration,
 * afterRestore in that order), and between the two whatever {@link #atSnapshot} set: the moment a test inspects the
 * process as the snapshot would hold it. The bench's children run with it too (the bench packs this package into
 * their class path).
 */
public final class Core {
    private static final GlobalContext GLOBAL = new GlobalContext();
    private static volatile Runnable atSnapshot = () -> { };

    private Core() {
    }

    /** Where {@code org.crac.Core.getGlobalContext().register(...)} lands. */
    public static Context<Resource> getGlobalContext() {
        return GLOBAL;
    }

    /** What {@link #checkpointRestore()} runs once every beforeCheckpoint hook has returned. */
    public static void atSnapshot(Runnable action) {
        atSnapshot = action;
    }

    /** Runs every registered resource's beforeCheckpoint, the {@link #atSnapshot} action, then every afterRestore. */
    public static void checkpointRestore() throws CheckpointException, RestoreException {
        GLOBAL.beforeCheckpoint(null);
        atSnapshot.run();
        GLOBAL.afterRestore(null);
    }

    private static final class GlobalContext extends Context<Resource> {
        /** org.crac registers its own wrapper of each resource, which holds the resource weakly, as CRaC does. */
        private final List<Resource> resources = new ArrayList<>();

        @Override
        public synchronized void register(Resource resource) {
            resources.add(resource);
        }

        @Override
        public synchronized void beforeCheckpoint(Context<? extends Resource> context) throws CheckpointException {
            CheckpointException failed = new CheckpointException();
            for (int i = resources.size() - 1; i >= 0; i--) {
                try {
                    resources.get(i).beforeCheckpoint(this);
                } catch (Exception e) {
                    failed.addSuppressed(e);
                }
            }
            if (failed.getSuppressed().length > 0) {
                throw failed;
            }
        }

        @Override
        public synchronized void afterRestore(Context<? extends Resource> context) throws RestoreException {
            RestoreException failed = new RestoreException();
            for (Resource resource : resources) {
                try {
                    resource.afterRestore(this);
                } catch (Exception e) {
                    failed.addSuppressed(e);
                }
            }
            if (failed.getSuppressed().length > 0) {
                throw failed;
            }
        }
    }
}
