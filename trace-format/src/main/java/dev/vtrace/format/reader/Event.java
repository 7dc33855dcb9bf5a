package dev.vtrace.format.reader;

import dev.vtrace.format.EventType;

/**
 * One decoded event: a mutable view of an {@link EventRecord}, so reading allocates and copies
 * nothing per event. {@link EventBatch#next(Event)} decodes into the event's own record;
 * {@link EventRecord#view} points it at a record elsewhere (a merged chunk), valid until that
 * record is overwritten. Copy what you keep.
 */
public final class Event {
    /** The event's own record, for {@link #set}, {@link #copyFrom} and decoding. */
    private final long[] own = new long[EventRecord.WORDS];
    /** The record viewed: {@code w[at...]}. */
    long[] w = own;
    int at;

    /** Points this event at its own record (to fill it), and returns that record. */
    long[] own() {
        w = own;
        at = 0;
        return own;
    }

    /** The event type; never null once filled. */
    public EventType type() {
        return EventType.byCode((int) w[at + EventRecord.CODE]);
    }

    /** The type's code ({@link dev.vtrace.format.EventCodes}): for a switch without the enum. */
    public int code() {
        return (int) w[at + EventRecord.CODE];
    }

    /** Timestamp, ns after the trace epoch. */
    public long ts() {
        return w[at + EventRecord.TS];
    }

    /** The thread (M) whose batch held the event. */
    public long m() {
        return w[at + EventRecord.M];
    }

    /** Argument {@code i} in {@link EventType#args()} order (G arguments already absolute). */
    public long arg(int i) {
        return w[at + EventRecord.ARGS + i];
    }

    /** Shorthand for argument 0 of an event whose first argument is a goroutine. */
    public long g() {
        return w[at + EventRecord.ARGS];
    }

    /** Copies another event into this one's own record. */
    public void copyFrom(Event o) {
        System.arraycopy(o.w, o.at, own(), 0, EventRecord.WORDS);
    }

    /** Sets all fields; for tests and synthetic streams. */
    public Event set(EventType type, long ts, long m, long... args) {
        long[] r = own();
        java.util.Arrays.fill(r, 0);
        r[EventRecord.TS] = ts;
        r[EventRecord.CODE] = type.code();
        r[EventRecord.M] = m;
        System.arraycopy(args, 0, r, EventRecord.ARGS, Math.min(args.length, EventType.MAX_ARGS));
        return this;
    }

    @Override
    public String toString() {
        EventType type = type();
        StringBuilder sb = new StringBuilder().append(ts()).append(' ').append(type).append(" m=").append(m());
        for (int i = 0; i < type.argCount(); i++) {
            sb.append(' ').append(type.args().get(i)).append('=').append(arg(i));
        }
        return sb.toString();
    }
}
