package dev.vtrace.format.reader;

import dev.vtrace.format.EventType;

/**
 * One decoded event: a mutable view that {@link EventBatch#next(Event)} fills, so reading
 * allocates nothing per event. Copy what you keep.
 */
public final class Event {
    EventType type;
    long ts;
    long m;
    final long[] args = new long[EventType.MAX_ARGS];

    /** The event type; never null once filled. */
    public EventType type() {
        return type;
    }

    /** Timestamp, ns after the trace epoch. */
    public long ts() {
        return ts;
    }

    /** The thread (M) whose batch held the event. */
    public long m() {
        return m;
    }

    /** Argument {@code i} in {@link EventType#args()} order (G arguments already absolute). */
    public long arg(int i) {
        return args[i];
    }

    /** Shorthand for argument 0 of an event whose first argument is a goroutine. */
    public long g() {
        return args[0];
    }

    /** Copies another event into this one. */
    public void copyFrom(Event o) {
        type = o.type;
        ts = o.ts;
        m = o.m;
        System.arraycopy(o.args, 0, args, 0, args.length);
    }

    /** Sets all fields; for tests and synthetic streams. */
    public Event set(EventType type, long ts, long m, long... args) {
        this.type = type;
        this.ts = ts;
        this.m = m;
        java.util.Arrays.fill(this.args, 0);
        System.arraycopy(args, 0, this.args, 0, Math.min(args.length, this.args.length));
        return this;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(ts).append(' ').append(type).append(" m=").append(m);
        for (int i = 0; i < type.argCount(); i++) {
            sb.append(' ').append(type.args().get(i)).append('=').append(args[i]);
        }
        return sb.toString();
    }
}
