package pwausers.bench.child.crac;

/** An afterRestore hook failed; each failure is a suppressed exception. */
public class RestoreException extends Exception {
    public RestoreException() {
        super("an afterRestore hook failed", null, true, true);
    }
}
