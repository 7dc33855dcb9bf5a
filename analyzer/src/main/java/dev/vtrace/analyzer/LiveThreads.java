package dev.vtrace.analyzer;

import java.util.Arrays;

/**
 * {@link Analysis}'s per-thread figures, by the stream's {@link GTransition#slot}. What a
 * transition updates sits in one 64-byte record of {@value #WORDS} longs in one array (execution,
 * sched wait, the runnable integral at the slice start, flags, blocked time of up to
 * {@value #INLINE} reasons): a transition costs one cache miss here, not the two or three of an
 * object per thread (header, two lines, the reference array before it, a per-reason array for
 * a thread with a third reason). Hot methods take the record's base index {@code b} from
 * {@link #record}. What only thread creation, short slices, pinned states and the end touch
 * (name, start location, group, pinned time, a fifth block reason) sits in arrays by slot
 * {@code s}. A slot's next thread reuses its record.
 */
final class LiveThreads {
    /** Longs per record. */
    static final int WORDS = 8;
    /**
     * Block reasons whose time sits in the record: a worker that blocks on a queue, a socket, a
     * lock and a sleep keeps all four inline; a per-reason array is allocated only for a fifth.
     */
    static final int INLINE = 4;
    private static final int EXEC = 0, SCHED = 1, RUNNABLE_AT_SLICE = 2, BITS = 3, BLOCK = 4;
    /**
     * BITS: INLINE reasons + 1 in 6 bits each (0 = unused), then flags: match, internal, in use,
     * and which cold arrays hold something of this thread (so that a new or ended thread costs
     * no write, and no cache miss, in the arrays it never used).
     */
    private static final int R_BITS = 6;
    private static final long R_MASK = (1 << R_BITS) - 1;
    private static final long MATCH = 1L << (INLINE * R_BITS), INTERNAL = MATCH << 1, IN_USE = MATCH << 2,
            HAS_GROUP = MATCH << 3, HAS_PINNED = MATCH << 4, HAS_MORE = MATCH << 5;

    private final int reasons;
    private long[] w = new long[1024 * WORDS];
    private long[] name = new long[1024];
    private String[] location = new String[1024];
    private Analysis.Group[] group = new Analysis.Group[1024];
    private long[] pinned = new long[1024];
    /** Blocked time per reason of a thread that blocked for more than INLINE reasons; null for most. */
    private long[][] more = new long[1024][];

    LiveThreads(int reasons) {
        if (reasons >= R_MASK) {
            throw new IllegalArgumentException(reasons + " block reasons do not fit in " + R_BITS + " bits");
        }
        this.reasons = reasons;
    }

    /** Makes room for slot {@code t.slot} and returns the base index of its record. */
    int record(GTransition t) {
        int s = t.slot;
        if (s >= name.length) {
            grow(s);
        }
        return s * WORDS;
    }

    private void grow(int s) {
        int n = Math.max(s + 1, name.length * 2);
        w = Arrays.copyOf(w, n * WORDS);
        name = Arrays.copyOf(name, n);
        location = Arrays.copyOf(location, n);
        group = Arrays.copyOf(group, n);
        pinned = Arrays.copyOf(pinned, n);
        more = Arrays.copyOf(more, n);
    }

    /** Whether record {@code b} holds a thread (else the slot's thread ended, or it is new). */
    boolean inUse(int b) {
        return (w[b + BITS] & IN_USE) != 0;
    }

    /**
     * Gives record {@code b} and slot {@code s} to a new thread: figures zero, matching, with its
     * name (string id, 0 for none) and start location.
     */
    void reset(int b, int s, long name, String location) {
        Arrays.fill(w, b, b + WORDS, 0);
        w[b + BITS] = MATCH | IN_USE;
        this.name[s] = name;
        this.location[s] = location;
    }

    /** The thread of record {@code b}, slot {@code s}, is gone: the cold arrays it used are emptied. */
    void clear(int b, int s) {
        long bits = w[b + BITS];
        if ((bits & HAS_GROUP) != 0) {
            group[s] = null;
        }
        if ((bits & HAS_PINNED) != 0) {
            pinned[s] = 0;
        }
        if ((bits & HAS_MORE) != 0) {
            more[s] = null;
        }
        w[b + BITS] = 0;
    }

    long exec(int b) {
        return w[b + EXEC];
    }

    long sched(int b) {
        return w[b + SCHED];
    }

    long pinned(int s) {
        return pinned[s];
    }

    void addExec(int b, long d) {
        w[b + EXEC] += d;
    }

    void addSched(int b, long d) {
        w[b + SCHED] += d;
    }

    void addPinned(int b, int s, long d) {
        w[b + BITS] |= HAS_PINNED;
        pinned[s] += d;
    }

    long runnableAtSlice(int b) {
        return w[b + RUNNABLE_AT_SLICE];
    }

    void runnableAtSlice(int b, long v) {
        w[b + RUNNABLE_AT_SLICE] = v;
    }

    boolean match(int b) {
        return (w[b + BITS] & MATCH) != 0;
    }

    void match(int b, boolean on) {
        flag(b, MATCH, on);
    }

    /** A thread of the JDK itself (an I/O poller), kept out of block reasons and leaks. */
    boolean internal(int b) {
        return (w[b + BITS] & INTERNAL) != 0;
    }

    void internal(int b, boolean on) {
        flag(b, INTERNAL, on);
    }

    private void flag(int b, long bit, boolean on) {
        int i = b + BITS;
        w[i] = on ? w[i] | bit : w[i] & ~bit;
    }

    long name(int s) {
        return name[s];
    }

    String location(int s) {
        return location[s];
    }

    /** Its group, once it had a short slice (saves a map lookup per slice); null before. */
    Analysis.Group group(int s) {
        return group[s];
    }

    void group(int b, int s, Analysis.Group g) {
        w[b + BITS] |= HAS_GROUP;
        group[s] = g;
    }

    /** Adds blocked time for reason {@code r} (0 ≤ r < reasons) to record {@code b}, slot {@code s}. */
    void addBlock(int b, int s, int r, long d) {
        long[] w = this.w;
        long bits = w[b + BITS];
        long code = r + 1;
        for (int i = 0; i < INLINE; i++) {
            long ri = (bits >>> (i * R_BITS)) & R_MASK;
            if (ri == code) {
                w[b + BLOCK + i] += d;
                return;
            }
            if (ri == 0) {
                w[b + BITS] = bits | code << (i * R_BITS);
                w[b + BLOCK + i] = d;
                return;
            }
        }
        long[] m = more[s];
        if (m == null) {
            m = more[s] = new long[reasons];
            w[b + BITS] = bits | HAS_MORE;
        }
        m[r] += d;
    }

    /** Adds the blocked time per reason of record {@code b}, slot {@code s}, into {@code dst}. */
    void addBlockTo(int b, int s, long[] dst) {
        long bits = w[b + BITS];
        for (int i = 0; i < INLINE; i++) {
            int ri = (int) ((bits >>> (i * R_BITS)) & R_MASK);
            if (ri != 0) {
                dst[ri - 1] += w[b + BLOCK + i];
            }
        }
        long[] m = more[s];
        if (m != null) {
            for (int i = 0; i < m.length; i++) {
                dst[i] += m[i];
            }
        }
    }
}
