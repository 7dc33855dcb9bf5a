package dev.vtrace.format.reader;

import static dev.vtrace.format.FormatConstants.*;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vtrace.format.EventType;
import dev.vtrace.format.proto.TraceFooter;
import dev.vtrace.format.proto.TraceHeader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One pass over a trace that keeps everything but the events: header, footer, tables, where
 * each batch is, and the damage found. Memory grows with batches and table entries, not events.
 *
 * <p>With {@code countEvents} the pass also decodes every batch to count events per type and
 * find the real time span (what {@code trace info} shows); an undecodable batch is then recorded
 * as damage and left out of {@link #batches()}.
 */
public final class TraceIndex {
    private TraceHeader header;
    private TraceFooter footer;
    private final TraceTables tables = new TraceTables();
    private final List<BatchRef> batches = new ArrayList<>();
    private final List<Damage> damage = new ArrayList<>();
    private final long[] eventsByType = new long[EventType.MAX_CODE + 1];
    private final long[] framesByKind = new long[KIND_FOOTER + 1];
    private long unknownFrames;
    private long compressedFrames;
    private long minTs = Long.MAX_VALUE;
    private long maxTs = Long.MIN_VALUE;
    private long droppedInBatches;
    private long fileSize;
    private boolean truncated;

    private TraceIndex() {}

    /**
     * Reads the whole file from the reader's current position. The reader stays open.
     *
     * <p>Without {@code countEvents}, a compressed events frame is inflated only as far as its
     * batch header: one that would not inflate whole (a writer bug: its checksum holds) is then
     * found damaged when its events are read, not here.
     */
    public static TraceIndex build(TraceReader reader, boolean countEvents) throws IOException {
        boolean was = reader.eventsHeadersOnly;
        reader.eventsHeadersOnly = !countEvents;
        try {
            return build(reader, countEvents, new TraceIndex());
        } finally {
            reader.eventsHeadersOnly = was;
        }
    }

    private static TraceIndex build(TraceReader reader, boolean countEvents, TraceIndex ix) throws IOException {
        ix.fileSize = reader.size();
        EventBatch batch = new EventBatch();
        Event e = new Event();
        Frame f;
        while ((f = reader.next()) != null) {
            int kind = f.kind();
            if (kind >= 0 && kind < ix.framesByKind.length) {
                ix.framesByKind[kind]++;
            } else {
                ix.unknownFrames++;
            }
            if (f.compressed()) {
                ix.compressedFrames++;
            }
            try {
                switch (kind) {
                    case KIND_HEADER -> ix.header = TraceHeader.parseFrom(
                            java.nio.ByteBuffer.wrap(f.payload(), 0, f.length()));
                    case KIND_FOOTER -> ix.footer = TraceFooter.parseFrom(
                            java.nio.ByteBuffer.wrap(f.payload(), 0, f.length()));
                    case KIND_STRINGS, KIND_STACKS -> ix.tables.add(f);
                    case KIND_EVENTS -> ix.addBatch(f, batch, e, countEvents);
                    default -> { } // unknown kinds are skipped by their length: newer writers may add some
                }
            } catch (InvalidProtocolBufferException ex) {
                ix.damage.add(new Damage(f.offset(), f.fileLength(), kindName(kind)
                        + " frame: message does not parse (" + ex.getMessage() + ")"));
            } catch (TraceFormatException ex) {
                ix.damage.add(new Damage(f.offset(), f.fileLength(), ex.getMessage()));
            }
        }
        ix.damage.addAll(reader.damage());
        ix.damage.sort((a, b) -> Long.compare(a.offset(), b.offset()));
        ix.truncated = reader.truncated();
        return ix;
    }

    private void addBatch(Frame f, EventBatch batch, Event e, boolean countEvents) throws TraceFormatException {
        batch.reset(f);
        if (countEvents) {
            long[] local = new long[eventsByType.length];
            long last = batch.firstTs();
            while (batch.next(e)) { // throws before anything is counted if the batch is bad
                local[e.type().code()]++;
                last = e.ts();
            }
            for (int i = 0; i < local.length; i++) {
                eventsByType[i] += local[i];
            }
            if (batch.count() > 0) {
                minTs = Math.min(minTs, batch.firstTs());
                maxTs = Math.max(maxTs, last);
            }
        } else if (batch.count() > 0) {
            minTs = Math.min(minTs, batch.firstTs());
            maxTs = Math.max(maxTs, batch.lastTs());
        }
        droppedInBatches += batch.droppedBefore();
        batches.add(new BatchRef(f.offset(), batch.m(), batch.firstTs(), batch.lastTs(), batch.count(),
                batch.droppedBefore()));
    }

    /** The header, or null if its frame is missing or damaged. */
    public TraceHeader header() {
        return header;
    }

    /** The footer, or null if the recording did not end cleanly. */
    public TraceFooter footer() {
        return footer;
    }

    public TraceTables tables() {
        return tables;
    }

    /** Intact events frames, in file order. */
    public List<BatchRef> batches() {
        return Collections.unmodifiableList(batches);
    }

    /** Damage in file order; empty for a sound file. */
    public List<Damage> damage() {
        return Collections.unmodifiableList(damage);
    }

    /** Events of a type (only when built with countEvents). */
    public long events(EventType t) {
        return eventsByType[t.code()];
    }

    /** All events in intact batches (only when built with countEvents). */
    public long totalEvents() {
        long n = 0;
        for (long c : eventsByType) {
            n += c;
        }
        return n;
    }

    /** Frames of a kind ({@code FormatConstants.KIND_*}). */
    public long frames(int kind) {
        return kind >= 0 && kind < framesByKind.length ? framesByKind[kind] : 0;
    }

    public long unknownFrames() {
        return unknownFrames;
    }

    public long compressedFrames() {
        return compressedFrames;
    }

    /** Earliest event timestamp; Long.MAX_VALUE when there are no events. */
    public long minTs() {
        return minTs;
    }

    /** Latest event timestamp; Long.MIN_VALUE when there are no events. */
    public long maxTs() {
        return maxTs;
    }

    /** Events the recorder reported dropped in batch headers. */
    public long droppedInBatches() {
        return droppedInBatches;
    }

    public long fileSize() {
        return fileSize;
    }

    /** Whether the file was cut short. */
    public boolean truncated() {
        return truncated;
    }
}
