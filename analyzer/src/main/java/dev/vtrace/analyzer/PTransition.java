package dev.vtrace.analyzer;

/** A P changed state. A mutable view reused for every transition: copy what you keep. */
public final class PTransition {
    /** P id (dense, 1-based). */
    public long p;
    /** The platform (carrier) thread behind it, 0 if not known yet. */
    public long m;
    public long ts;
    public PState from;
    /** When the state before began. */
    public long fromTs;
    public PState to;

    @Override
    public String toString() {
        return ts + " P" + p + " " + from + "→" + to + " (m=" + m + ", since " + fromTs + ")";
    }
}
