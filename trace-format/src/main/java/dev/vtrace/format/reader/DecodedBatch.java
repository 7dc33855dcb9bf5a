package dev.vtrace.format.reader;

import java.io.IOException;
import java.util.Arrays;

/**
 * One events frame read, checked, inflated and decoded in pieces into {@link EventRecord}s, so
 * that a merge can look at the next event of many batches as plain words.
 *
 * <p>{@link #load} keeps a copy of the payload and decodes its first events (at most
 * {@code limit}) into one array of records; {@link #next()} hands out their positions, and once
 * they are used up decodes the next {@code limit} events into the same array. So {@code next}
 * yields exactly what an {@link EventBatch} on the same frame yields, the same error included, at
 * the same event. Memory: the payload plus {@code limit} records, reused by the next {@code load}.
 */
public final class DecodedBatch {
    private final Frame frame = new Frame();
    private final EventBatch batch = new EventBatch();
    private final Event scratch = new Event();
    private BatchRef ref;
    private TraceFormatException loadError;
    private int limit;
    private long[] words = new long[1 << 10];
    private int end;
    private int pos;
    /** Thrown by {@link #next} once the decoded records are used up: where decoding stopped. */
    private TraceFormatException decodeError;
    /** Whether events are left in the payload past the decoded ones. */
    private boolean rest;

    /**
     * Reads the frame of {@code ref} with {@code reader}, and decodes up to {@code limit} events
     * (at least one). A frame that cannot be read again, or whose batch header is malformed, is
     * not thrown but kept as {@link #loadError()}. Only an I/O failure throws.
     */
    public DecodedBatch load(TraceReader reader, BatchRef ref, int limit) throws IOException {
        this.ref = ref;
        this.limit = Math.max(1, limit);
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
        decode();
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

    /** Decodes up to {@code limit} events from where the batch stands into the array, from its start. */
    private void decode() {
        int need = limit * EventRecord.WORDS;
        if (words.length < need && words.length < ref.count() * EventRecord.WORDS) {
            words = new long[Math.min(need, Math.max(ref.count(), 1) * EventRecord.WORDS)];
        }
        end = 0;
        pos = 0;
        try {
            int n = 0;
            while (n < limit && batch.next(scratch)) {
                if (end == words.length) {
                    words = Arrays.copyOf(words, words.length * 2);
                }
                EventRecord.write(scratch, words, end);
                end += EventRecord.WORDS;
                n++;
            }
            rest = n == limit;
        } catch (TraceFormatException e) {
            decodeError = e;
            rest = false;
        }
    }

    /** The batch this was loaded for. */
    public BatchRef ref() {
        return ref;
    }

    /** Why the frame could not be used at all, or null. */
    public TraceFormatException loadError() {
        return loadError;
    }

    /** The records; valid for the positions {@link #next()} returned since it last decoded more. */
    public long[] words() {
        return words;
    }

    /**
     * The position in {@link #words()} of the next event's record; -1 when the batch is done.
     * May decode the next piece into the same array (earlier positions then no longer hold their
     * events). Throws where the batch stops decoding.
     */
    public int next() throws TraceFormatException {
        int p = pos;
        if (p < end) {
            pos = p + EventRecord.WORDS;
            return p;
        }
        if (decodeError != null) {
            TraceFormatException x = decodeError;
            decodeError = null;
            throw x;
        }
        if (!rest) {
            return -1;
        }
        decode();
        return next();
    }

    /** Fills {@code e} with the next event; false when the batch is done. Throws where the batch stops decoding. */
    public boolean next(Event e) throws TraceFormatException {
        int p = next();
        if (p < 0) {
            return false;
        }
        EventRecord.read(words, p, e);
        return true;
    }
}
