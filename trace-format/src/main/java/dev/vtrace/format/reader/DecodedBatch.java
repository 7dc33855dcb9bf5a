package dev.vtrace.format.reader;

import dev.vtrace.format.EventType;
import java.io.IOException;
import java.util.Arrays;

/**
 * One events frame read, checked, inflated and decoded ahead of use, so that the thread that
 * consumes the events pays none of that ({@link BatchPrefetcher} loads these on its own thread).
 *
 * <p>{@link #load} keeps a copy of the payload and decodes its first events (at most
 * {@code limit}) into one array of words, each event as {@code ts, code, args...}; {@link #next}
 * hands out those, then decodes any rest from the payload copy as {@link EventBatch#next} would.
 * So {@code next} yields exactly what an {@code EventBatch} on the same frame yields, the same
 * error included, at the same event. Memory: the payload plus the decoded events (about six
 * words per event), reused by the next {@code load}.
 */
public final class DecodedBatch {
    private static final EventType[] BY_CODE = new EventType[32];
    /** Argument count per code: {@code argCount()} is a list's size, a call per event on the hot path. */
    private static final int[] ARGC = new int[32];

    static {
        for (EventType t : EventType.values()) {
            BY_CODE[t.code()] = t;
            ARGC[t.code()] = t.argCount();
        }
    }

    private final Frame frame = new Frame();
    private final EventBatch batch = new EventBatch();
    private final Event scratch = new Event();
    private BatchRef ref;
    private TraceFormatException loadError;
    private long m;
    private long[] words = new long[1 << 10];
    private int end;
    private int pos;
    /** Thrown by {@link #next} once the decoded words are used up: where pre-decoding stopped. */
    private TraceFormatException decodeError;
    /** Whether events are left in the payload past the decoded ones. */
    private boolean rest;

    /**
     * Reads the frame of {@code ref} with {@code reader}, and decodes up to {@code limit} events.
     * A frame that cannot be read again, or whose batch header is malformed, is not thrown but
     * kept as {@link #loadError()}. Only an I/O failure throws.
     */
    public DecodedBatch load(TraceReader reader, BatchRef ref, int limit) throws IOException {
        this.ref = ref;
        loadError = null;
        decodeError = null;
        rest = false;
        end = 0;
        pos = 0;
        try {
            Frame f = reader.readAt(ref.offset());
            copy(f);
            batch.reset(frame);
        } catch (TraceFormatException e) {
            loadError = e;
            return this;
        }
        m = batch.m();
        try {
            int n = 0;
            while (n < limit && batch.next(scratch)) {
                append(scratch);
                n++;
            }
            rest = n == limit;
        } catch (TraceFormatException e) {
            decodeError = e;
        }
        return this;
    }

    private void copy(Frame f) {
        if (frame.payload == null || frame.payload.length < f.length) {
            frame.payload = new byte[Math.max(f.length, 1 << 16)];
        }
        System.arraycopy(f.payload, 0, frame.payload, 0, f.length);
        frame.kind = f.kind;
        frame.offset = f.offset;
        frame.storedLength = f.storedLength;
        frame.length = f.length;
        frame.compressed = f.compressed;
    }

    private void append(Event e) {
        int argc = ARGC[e.type.code()];
        if (end + 2 + argc > words.length) {
            words = Arrays.copyOf(words, words.length * 2);
        }
        long[] w = words;
        int p = end;
        w[p] = e.ts;
        w[p + 1] = e.type.code();
        System.arraycopy(e.args, 0, w, p + 2, argc);
        end = p + 2 + argc;
    }

    /** The batch this was loaded for. */
    public BatchRef ref() {
        return ref;
    }

    /** Why the frame could not be used at all, or null. */
    public TraceFormatException loadError() {
        return loadError;
    }

    /** Fills {@code e} with the next event; false when the batch is done. Throws where the batch stops decoding. */
    public boolean next(Event e) throws TraceFormatException {
        int p = pos;
        if (p < end) {
            long[] w = words;
            int code = (int) w[p + 1];
            int argc = ARGC[code];
            e.type = BY_CODE[code];
            e.ts = w[p];
            e.m = m;
            long[] args = e.args;
            p += 2;
            for (int i = 0; i < argc; i++) {
                args[i] = w[p + i];
            }
            for (int i = argc; i < EventType.MAX_ARGS; i++) {
                args[i] = 0;
            }
            pos = p + argc;
            return true;
        }
        if (decodeError != null) {
            TraceFormatException x = decodeError;
            decodeError = null;
            throw x;
        }
        return rest && batch.next(e);
    }
}
