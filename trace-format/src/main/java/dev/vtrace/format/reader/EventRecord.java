package dev.vtrace.format.reader;

import dev.vtrace.format.EventType;

/**
 * The layout of one event as {@value #WORDS} longs in a {@code long[]}: ts, code, M, the
 * {@value EventType#MAX_ARGS} arguments (0 past the type's count), and a {@link #SPARE} word (a
 * round stride of 64 bytes) that the reader never writes. A fixed stride, so that decoded events
 * can be handed between threads and moved as whole records, without a per-type length in the way.
 */
public final class EventRecord {
    /** Longs per event. */
    public static final int WORDS = 8;
    /** Word offsets inside a record. */
    public static final int TS = 0, CODE = 1, M = 2, ARGS = 3;
    /**
     * The word the reader never writes: whoever passes records on may annotate them there (the
     * analyzer's merge writes each goroutine event's slot). Its content is undefined otherwise.
     */
    public static final int SPARE = ARGS + 4;

    static {
        if (EventType.MAX_ARGS != 4) {
            throw new AssertionError("invariant violation: a record holds 4 arguments, MAX_ARGS is "
                    + EventType.MAX_ARGS);
        }
    }

    private EventRecord() {}

    /**
     * Points {@code e} at the record at {@code at}, without a copy: {@code e} shows it until the
     * record is overwritten (or {@code e} is filled otherwise).
     */
    public static void view(long[] w, int at, Event e) {
        e.w = w;
        e.at = at;
    }
}
