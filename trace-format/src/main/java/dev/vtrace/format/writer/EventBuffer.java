package dev.vtrace.format.writer;

import dev.vtrace.format.EventType;

/**
 * One batch of events being written by one thread: the recorder's hot path.
 *
 * <p>Not thread-safe: exactly one thread writes a buffer at a time. Writing allocates nothing,
 * takes no lock and throws nothing as long as the caller checks {@link #hasRoom()} first (every
 * event fits in {@link #MAX_EVENT_BYTES}); when it returns false the caller hands the buffer to
 * the writer thread and continues in another.
 *
 * <p>Encoding (docs/format.md, "events frame"): a type byte (the code in the low 5 bits, the
 * number of trailing zero arguments left out in the high 3), the timestamp delta from the
 * previous event of this batch as an unsigned varint (a timestamp that goes backwards is clamped
 * to the previous one), then the arguments that were not left out; a goroutine in the first
 * argument is a zigzag delta from the previous goroutine of the batch.
 */
public final class EventBuffer {
    /** Upper bound of one encoded event: type byte, timestamp and four 10-byte varints. */
    public static final int MAX_EVENT_BYTES = 1 + 10 * (1 + EventType.MAX_ARGS);

    private final byte[] buf;
    private int pos;
    private int count;
    private long m;
    private long firstTs;
    private long lastTs;
    private long lastG;
    private long droppedBefore;

    /** A buffer holding up to {@code capacity} bytes of encoded events (at least 256). */
    public EventBuffer(int capacity) {
        if (capacity < 256) {
            throw new IllegalArgumentException("capacity must be at least 256 bytes, got " + capacity);
        }
        this.buf = new byte[capacity];
    }

    /**
     * Starts a new, empty batch for writer thread {@code m}.
     *
     * @param droppedBefore events this thread dropped since its previous batch (recorded in the
     *     batch header so readers can say where data is missing)
     */
    public void reset(long m, long droppedBefore) {
        this.pos = 0;
        this.count = 0;
        this.m = m;
        this.firstTs = 0;
        this.lastTs = 0;
        this.lastG = 0;
        this.droppedBefore = droppedBefore;
    }

    /** Whether the largest event still fits. */
    public boolean hasRoom() {
        return buf.length - pos >= MAX_EVENT_BYTES;
    }

    /** Writes an event without arguments. */
    public void event0(EventType type, long ts) {
        begin(type, ts, 0);
    }

    /** Writes an event with one argument. */
    public void event1(EventType type, long ts, long a0) {
        begin(type, ts, 0);
        first(type, a0);
    }

    /** Writes an event with two arguments. */
    public void event2(EventType type, long ts, long a0, long a1) {
        int omit = a1 == 0 ? 1 : 0;
        begin(type, ts, omit);
        first(type, a0);
        if (omit == 0) {
            put(a1);
        }
    }

    /** Writes an event with three arguments. */
    public void event3(EventType type, long ts, long a0, long a1, long a2) {
        int omit = a2 != 0 ? 0 : a1 != 0 ? 1 : 2;
        begin(type, ts, omit);
        first(type, a0);
        if (omit < 2) {
            put(a1);
            if (omit == 0) {
                put(a2);
            }
        }
    }

    /** Writes an event with four arguments. */
    public void event4(EventType type, long ts, long a0, long a1, long a2, long a3) {
        int omit = a3 != 0 ? 0 : a2 != 0 ? 1 : a1 != 0 ? 2 : 3;
        begin(type, ts, omit);
        first(type, a0);
        if (omit < 3) {
            put(a1);
            if (omit < 2) {
                put(a2);
                if (omit == 0) {
                    put(a3);
                }
            }
        }
    }

    /** Writes the type byte (code and omitted trailing zero arguments) and the timestamp delta. */
    private void begin(EventType type, long ts, int omit) {
        if (count == 0) {
            firstTs = ts;
            lastTs = ts;
        }
        long delta = ts - lastTs;
        if (delta < 0) {
            delta = 0; // a clock that stepped back: keep the batch monotonic
        } else {
            lastTs = ts;
        }
        buf[pos++] = (byte) (type.code() | omit << 5);
        put(delta);
        count++;
    }

    private void first(EventType type, long a0) {
        if (type.firstArgIsG()) {
            long d = a0 - lastG;
            lastG = a0;
            put((d << 1) ^ (d >> 63));
        } else {
            put(a0);
        }
    }

    private void put(long v) {
        byte[] b = buf;
        int p = pos;
        while ((v & ~0x7FL) != 0) {
            b[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b[p++] = (byte) v;
        pos = p;
    }

    /** Encoded bytes, valid in {@code [0, size())}. */
    public byte[] array() {
        return buf;
    }

    /** Bytes used. */
    public int size() {
        return pos;
    }

    /** Events written since {@link #reset}. */
    public int eventCount() {
        return count;
    }

    /** Whether no event was written since {@link #reset}. */
    public boolean isEmpty() {
        return count == 0;
    }

    /** The writer thread (M) of this batch. */
    public long m() {
        return m;
    }

    /** Timestamp of the first event (ns after the trace epoch); 0 when empty. */
    public long firstTs() {
        return firstTs;
    }

    /** Timestamp of the last event; 0 when empty. */
    public long lastTs() {
        return lastTs;
    }

    /** Events dropped by this thread just before this batch. */
    public long droppedBefore() {
        return droppedBefore;
    }
}
