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

    /** Fills {@code e} with the next event; false when the batch is done. */
    public boolean next(Event e) throws TraceFormatException {
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
        e.type = type;
        e.ts = ts;
        e.m = m;
        int n = type.argCount() - omitted;
        if (n < (type.argCount() > 0 ? 1 : 0)) {
            throw in.error(type + " leaves out " + omitted + " of its " + type.argCount() + " arguments");
        }
        for (int i = 0; i < n; i++) {
            e.args[i] = in.varint();
        }
        for (int i = n; i < EventType.MAX_ARGS; i++) {
            e.args[i] = 0;
        }
        if (type.firstArgIsG()) {
            long v = e.args[0];
            lastG += (v >>> 1) ^ -(v & 1);
            e.args[0] = lastG;
        }
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
