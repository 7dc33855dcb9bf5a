package dev.vtrace.format.reader;

import dev.vtrace.format.EventType;
import dev.vtrace.format.FormatConstants;

/**
 * Decodes the events of one events frame. Reusable: {@link #reset(Frame)} starts on a new frame.
 *
 * <p>Header fields are read by {@code reset}; events come one at a time from {@link #next}.
 * A malformed payload (impossible after a good checksum unless the writer was wrong or the file
 * is newer than this reader) throws {@link TraceFormatException}; the events before it stay valid.
 */
public final class EventBatch {
    private final PayloadCursor in = new PayloadCursor();
    private long m;
    private long firstTs;
    private long lastTs;
    private int count;
    private long dropped;
    private int read;
    private long ts;
    private long lastG;

    /**
     * Starts decoding {@code frame}, which must be an events frame (its payload is used in place:
     * keep the frame's reader untouched until done, or pass a copy).
     */
    public EventBatch reset(Frame frame) throws TraceFormatException {
        if (frame.kind() != FormatConstants.KIND_EVENTS) {
            throw new IllegalArgumentException("not an events frame: " + frame);
        }
        in.reset(frame, "events");
        m = in.varint();
        firstTs = in.varint();
        lastTs = firstTs + in.varint();
        // each event takes at least two bytes: a bound that stops a hostile count early
        count = in.count(frame.length() / 2, "event count");
        dropped = in.varint();
        read = 0;
        ts = firstTs;
        lastG = 0;
        return this;
    }

    /**
     * Most bytes one event can take: the type byte and 1 + {@link EventType#MAX_ARGS} varints of at
     * most 10 bytes (as the writer's {@code EventBuffer.MAX_EVENT_BYTES}). With that many left in the
     * payload, {@link #next} decodes without checking the end per byte.
     */
    private static final int MAX_EVENT_BYTES = 1 + 10 * (1 + EventType.MAX_ARGS);
    /** Per code: argument count (-1 for an unknown code), and whether argument 0 is a G (delta-coded). */
    private static final int[] ARGC = new int[32];
    private static final boolean[] G_FIRST = new boolean[32];

    static {
        for (int c = 0; c < ARGC.length; c++) {
            EventType t = EventType.byCode(c);
            ARGC[c] = t == null ? -1 : t.argCount();
            G_FIRST[c] = t != null && t.firstArgIsG();
        }
    }

    /** Fills {@code e} with the next event; false when the batch is done. */
    public boolean next(Event e) throws TraceFormatException {
        return next(e.own(), 0);
    }

    /**
     * Decodes the next event as an {@link EventRecord} at {@code w[at...]} (all but the padding
     * word written); false when the batch is done. The merge's way: no {@link Event} in between.
     */
    public boolean next(long[] w, int at) throws TraceFormatException {
        if (read >= count || in.end - in.pos < MAX_EVENT_BYTES) {
            return nextChecked(w, at);
        }
        // fast path: at least MAX_EVENT_BYTES remain, and no varint here reads more than 10 bytes,
        // so no read can pass the payload's end (bytes past it in the buffer are another frame's)
        byte[] b = in.b;
        int typeByte = b[in.pos] & 0xFF;
        int code = typeByte & 0x1F;
        int argc = ARGC[code];
        int n = argc - (typeByte >>> 5);
        if (n < (argc > 0 ? 1 : 0)) { // an unknown code (argc -1) too
            return nextChecked(w, at); // reports the error
        }
        in.pos++;
        ts += uvarint(b);
        w[at + EventRecord.TS] = ts;
        w[at + EventRecord.CODE] = code;
        w[at + EventRecord.M] = m;
        int a = at + EventRecord.ARGS;
        // the arguments left out are 0: stores without a loop of their own (its exit, at a
        // different count per type, was a branch mispredicted per event)
        w[a] = 0;
        w[a + 1] = 0;
        w[a + 2] = 0;
        w[a + 3] = 0;
        for (int i = 0; i < n; i++) {
            w[a + i] = uvarint(b);
        }
        if (G_FIRST[code]) {
            long v = w[a];
            lastG += (v >>> 1) ^ -(v & 1);
            w[a] = lastG;
        }
        read++;
        return true;
    }

    /**
     * A varint without the end check (the caller made sure 10 bytes remain). A branch per byte:
     * loading 8 bytes at once and packing their 7-bit groups without branches measured slower
     * (most varints here are one or two bytes, and those branches predict well).
     */
    private long uvarint(byte[] b) throws TraceFormatException {
        int p = in.pos;
        byte x = b[p++];
        if (x >= 0) {
            in.pos = p;
            return x;
        }
        long v = x & 0x7F;
        for (int shift = 7; shift < 64; shift += 7) {
            x = b[p++];
            v |= (long) (x & 0x7F) << shift;
            if (x >= 0) {
                in.pos = p;
                return v;
            }
        }
        in.pos = p;
        throw in.error("a varint is longer than 10 bytes");
    }

    private boolean nextChecked(long[] w, int at) throws TraceFormatException {
        if (read >= count) {
            if (in.hasMore()) {
                throw in.error("bytes remain after the " + count + " events the batch header announced");
            }
            return false;
        }
        if (!in.hasMore()) {
            throw in.error("the payload ends after " + read + " of " + count + " events");
        }
        int typeByte = in.b[in.pos++] & 0xFF;
        int code = typeByte & 0x1F;
        int omitted = typeByte >>> 5;
        EventType type = EventType.byCode(code);
        if (type == null) {
            throw in.error("unknown event code " + code + " (event " + read + " of " + count
                    + "; written by a newer vtrace?)");
        }
        ts += in.varint();
        int n = type.argCount() - omitted;
        if (n < (type.argCount() > 0 ? 1 : 0)) {
            throw in.error(type + " leaves out " + omitted + " of its " + type.argCount() + " arguments");
        }
        int a = at + EventRecord.ARGS;
        for (int i = 0; i < n; i++) {
            w[a + i] = in.varint();
        }
        for (int i = n; i < EventType.MAX_ARGS; i++) {
            w[a + i] = 0;
        }
        if (type.firstArgIsG()) {
            long v = w[a];
            lastG += (v >>> 1) ^ -(v & 1);
            w[a] = lastG;
        }
        w[at + EventRecord.TS] = ts;
        w[at + EventRecord.CODE] = code;
        w[at + EventRecord.M] = m;
        read++;
        return true;
    }

    /** The thread (M) that wrote the batch. */
    public long m() {
        return m;
    }

    /** Timestamp of its first event. */
    public long firstTs() {
        return firstTs;
    }

    /** Timestamp of its last event, as the header says. */
    public long lastTs() {
        return lastTs;
    }

    /** Number of events the header announces. */
    public int count() {
        return count;
    }

    /** Events the writer thread dropped just before this batch. */
    public long droppedBefore() {
        return dropped;
    }
}
