package pwausers.function.testkit.crac;

/** What is notified around a checkpoint (the shape org.crac's compat lookup expects). */
public interface Resource {
    void beforeCheckpoint(Context<? extends Resource> context) throws Exception;

    void afterRestore(Context<? extends Resource> context) throws Exception;
}
