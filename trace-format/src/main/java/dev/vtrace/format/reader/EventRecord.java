package dev.vtrace.format.reader;

import dev.vtrace.format.EventType;

/**
 * The layout of one event as {@value #WORDS} longs in a {@code long[]}: ts, code, M, the
 * {@value EventType#MAX_ARGS} arguments (0 past the type's count), and one unused word (a round
 * stride of 64 bytes; the reader does not write it). A fixed stride, so that decoded events can
 * be handed between threads and moved as whole records, without a per-type length in the way.
 */
public final class EventRecord {
    /** Longs per event. */
    public static final int WORDS = 8;
    /** Word offsets inside a record. */
    public static final int TS = 0, CODE = 1, M = 2, ARGS = 3;

    private static final EventType[] BY_CODE = new EventType[32];

    static {
        for (EventType t : EventType.values()) {
            BY_CODE[t.code()] = t;
        }
        if (EventType.MAX_ARGS != 4) {
            throw new AssertionError("invariant violation: read and write copy 4 arguments, MAX_ARGS is "
                    + EventType.MAX_ARGS);
        }
    }

    private EventRecord() {}

    /** Writes {@code e} at {@code at} (the padding word is left as it is). */
    public static void write(Event e, long[] w, int at) {
        long[] a = e.args;
        w[at + TS] = e.ts;
        w[at + CODE] = e.type.code();
        w[at + M] = e.m;
        w[at + ARGS] = a[0];
        w[at + ARGS + 1] = a[1];
        w[at + ARGS + 2] = a[2];
        w[at + ARGS + 3] = a[3];
    }

    /** Fills {@code e} with the record at {@code at}. */
    public static void read(long[] w, int at, Event e) {
        long[] a = e.args;
        e.ts = w[at + TS];
        e.type = BY_CODE[(int) w[at + CODE]];
        e.m = w[at + M];
        a[0] = w[at + ARGS];
        a[1] = w[at + ARGS + 1];
        a[2] = w[at + ARGS + 2];
        a[3] = w[at + ARGS + 3];
    }
}
