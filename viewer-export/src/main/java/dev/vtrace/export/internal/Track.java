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
    /** Open slices. */
    int depth;
    /**
     * Per open slice, innermost last, one byte: its kind, plus {@link #EMITTED} once the sink has
     * seen its begin. The first {@link #INLINE} levels live in this field (nearly every track
     * stays within them), so a transition touches the track object and nothing else; deeper
     * levels (nested regions) go to {@link #deeper}.
     */
    private long levels;
    private byte[] deeper;
    private static final int INLINE = 8;
    /**
     * Names of the open slices that are needed again, made on first need: a slice not yet
     * emitted (begun before the time window: the window's start begins it by name), and a region
     * (ended by name). Other slices' names are not kept, so the common transition writes none.
     */
    private String[] names;

    private static final byte EMITTED = (byte) 0x80;

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
        if (emitted && kind != REGION && depth < INLINE && names == null) {
            // the usual slice: no name to keep, within the levels held in this object (a few
            // instructions, inlined wherever the timeline begins a slice)
            int shift = depth << 3;
            levels = levels & ~(0xFFL << shift) | ((kind | EMITTED) & 0xFFL) << shift;
            depth++;
            return;
        }
        pushSlow(kind, name, emitted);
    }

    private void pushSlow(byte kind, String name, boolean emitted) {
        int capacity = INLINE + (deeper == null ? 0 : deeper.length);
        if (depth == capacity) {
            deeper = deeper == null ? new byte[4] : java.util.Arrays.copyOf(deeper, 2 * deeper.length);
            capacity = INLINE + deeper.length;
        }
        set(depth, emitted ? (byte) (kind | EMITTED) : kind);
        if (!emitted || kind == REGION) {
            if (names == null || names.length < capacity) {
                names = names == null ? new String[capacity] : java.util.Arrays.copyOf(names, capacity);
            }
            names[depth] = name;
        } else if (names != null && depth < names.length) {
            names[depth] = null;
        }
        depth++;
    }

    private byte get(int i) {
        return i < INLINE ? (byte) (levels >>> (i << 3)) : deeper[i - INLINE];
    }

    private void set(int i, byte b) {
        if (i < INLINE) {
            int shift = i << 3;
            levels = levels & ~(0xFFL << shift) | (b & 0xFFL) << shift;
        } else {
            deeper[i - INLINE] = b;
        }
    }

    /** Index of the innermost open slice of this kind (and name, if not null), or -1. */
    int find(byte kind, String name) {
        for (int i = depth - 1; i >= 0; i--) {
            if ((get(i) & ~EMITTED) == kind && (name == null || name.equals(names[i]))) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the innermost open slice is of this kind (false when none is open). */
    boolean innermostIs(byte kind) {
        return depth > 0 && (get(depth - 1) & ~EMITTED) == kind;
    }

    /** Whether the sink has seen the begin of open slice {@code i}. */
    boolean emitted(int i) {
        return (get(i) & EMITTED) != 0;
    }

    void setEmitted(int i, boolean emitted) {
        byte b = get(i);
        set(i, emitted ? (byte) (b | EMITTED) : (byte) (b & ~EMITTED));
    }

    /** The name of open slice {@code i}, kept while it is not emitted (and for regions). */
    String name(int i) {
        return names[i];
    }

    @Override
    public String toString() {
        return kind + " " + name + " #" + uuid;
    }
}
