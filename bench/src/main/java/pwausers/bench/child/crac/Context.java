package pwausers.bench.child.crac;

/** A group of resources notified together (the shape org.crac's compat lookup expects). */
public abstract class Context<R extends Resource> implements Resource {
    public abstract void register(R resource);
}
