package dev.vtrace.format.reader;

import java.io.IOException;

/**
 * One events frame read again, checked and inflated, then decoded event by event into
 * {@link EventRecord}s wherever the caller wants them: what a merge of many batches needs.
 *
 * <p>{@link #load} keeps a copy of the payload (the reader reuses its buffer for the next frame);
 * {@link #next(long[], int)} decodes one event at a time, so a merge holds one record per open
 * batch and nothing decoded ahead (decoding thousands ahead per batch filled the core's cache
 * with records waiting their turn). It yields exactly what an {@link EventBatch} on the same
 * frame yields, the same error included, at the same event. Reusable by the next {@code load}.
 */
public final class DecodedBatch {
    private final Frame frame = new Frame();
    private final EventBatch batch = new EventBatch();
    private TraceFormatException loadError;

    /**
     * Reads the frame of {@code ref} with {@code reader} and starts decoding it. A frame that
     * cannot be read again, or whose batch header is malformed, is not thrown but kept as
     * {@link #loadError()} (and the batch yields nothing). Only an I/O failure throws.
     */
    public DecodedBatch load(TraceReader reader, BatchRef ref) throws IOException {
        loadError = null;
        try {
            Frame f = reader.readAt(ref.offset());
            copy(f);
            batch.reset(frame);
        } catch (TraceFormatException e) {
            loadError = e;
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

    /** Why the frame could not be used at all, or null. */
    public TraceFormatException loadError() {
        return loadError;
    }

    /**
     * Decodes the next event as a record at {@code w[at...]}; false when the batch is done (or
     * could not be loaded). Throws where the batch stops decoding.
     */
    public boolean next(long[] w, int at) throws TraceFormatException {
        return loadError == null && batch.next(w, at);
    }

    /** Fills {@code e} with the next event; false when the batch is done. Throws where the batch stops decoding. */
    public boolean next(Event e) throws TraceFormatException {
        return loadError == null && batch.next(e);
    }
}
