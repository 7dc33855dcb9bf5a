package dev.vtrace.export.internal;

/**
 * One track of the timeline and its open slices (a stack, innermost last). Identity fields are
 * fixed at construction; the stack is the {@link Timeline}'s bookkeeping.
 */
public final class Track {
    /** What a track shows; sinks lay tracks out by kind. */
    public enum Kind {
        /** The one process ("vtrace: command"). */
        PROCESS,
        /** A grouping track without events ("carriers", "virtual threads", ...). */
        GROUP,
        /** A carrier P: each run of a virtual thread on it. {@link #id} is the P. */
        CARRIER,
        /** A virtual thread's states. {@link #id} is the goroutine. */
        GOROUTINE,
        /** A virtual thread's user regions (child of its GOROUTINE track). {@link #id} is the goroutine. */
        REGIONS,
        /** A platform thread seen only as waker or creator. {@link #id} is its thread id. */
        OTHER_THREAD,
        /** One user task. {@link #id} is the task id. */
        TASK,
        /** Garbage collections. */
        GC,
        /** A thread-count counter. */
        COUNTER,
        /** A counter in bytes (heap). */
        COUNTER_BYTES
    }

    /** Kinds of open slices. */
    static final byte STATE = 1, RUN = 2, PINNED = 3, CARRIER_BLOCKED = 4, REGION = 5, TASK_SLICE = 6, GC_SLICE = 7;

    public final long uuid;
    public final Track parent;
    public final Kind kind;
    /** Display name. */
    public final String name;
    /** Short name (counters: the JSON argument key). */
    public final String key;
    /** Order among siblings (lower first). */
    public final int rank;
    /** P, goroutine, thread or task id, by kind; 0 otherwise. */
    public final long id;

    /** Free for the sink's own per-track state. */
    public Object sinkState;

    boolean described;
    int depth;
    byte[] kinds = new byte[4];
    String[] names = new String[4];
    boolean[] emitted = new boolean[4];

    Track(long uuid, Track parent, Kind kind, String name, String key, int rank, long id) {
        this.uuid = uuid;
        this.parent = parent;
        this.kind = kind;
        this.name = name;
        this.key = key;
        this.rank = rank;
        this.id = id;
    }

    void push(byte kind, String name, boolean emitted) {
        if (depth == kinds.length) {
            kinds = java.util.Arrays.copyOf(kinds, depth * 2);
            names = java.util.Arrays.copyOf(names, depth * 2);
            this.emitted = java.util.Arrays.copyOf(this.emitted, depth * 2);
        }
        kinds[depth] = kind;
        names[depth] = name;
        this.emitted[depth] = emitted;
        depth++;
    }

    /** Index of the innermost open slice of this kind (and name, if not null), or -1. */
    int find(byte kind, String name) {
        for (int i = depth - 1; i >= 0; i--) {
            if (kinds[i] == kind && (name == null || name.equals(names[i]))) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return kind + " " + name + " #" + uuid;
    }
}
