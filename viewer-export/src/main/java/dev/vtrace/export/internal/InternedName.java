package dev.vtrace.export.internal;

/**
 * A name used again and again by one timeline object (a thread's run label, its wake-up marker),
 * with room for the sink to cache its interned id: the Perfetto sink then skips the interning
 * table's hash probe (and the load of a string far away in memory) for it. The cache is stamped
 * with the sink's interning epoch, so it goes stale when the tables restart.
 */
public final class InternedName {
    public final String text;
    long iid;
    long epoch;

    public InternedName(String text) {
        this.text = text;
    }

    @Override
    public String toString() {
        return text;
    }
}
