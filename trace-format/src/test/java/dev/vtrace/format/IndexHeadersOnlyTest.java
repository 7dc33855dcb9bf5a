package dev.vtrace.format;

import static org.junit.jupiter.api.Assertions.*;

import dev.vtrace.format.reader.BatchRef;
import dev.vtrace.format.reader.DecodedBatch;
import dev.vtrace.format.reader.TraceIndex;
import dev.vtrace.format.reader.TraceReader;
import dev.vtrace.format.writer.EventBuffer;
import dev.vtrace.format.writer.FooterInfo;
import dev.vtrace.format.writer.StackTable;
import dev.vtrace.format.writer.StringTable;
import dev.vtrace.format.writer.TraceFileWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The index without event counts inflates compressed events frames only as far as their header. */
class IndexHeadersOnlyTest {
    /** Two compressed batches of 500 events each: well past the header bytes the index inflates. */
    private static byte[] trace() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringTable strings = new StringTable();
        try (TraceFileWriter w = new TraceFileWriter(bytes, true, strings, new StackTable(strings))) {
            w.writeHeader(SampleTraces.header());
            EventBuffer b = new EventBuffer(1 << 16);
            for (int batch = 0; batch < 2; batch++) {
                b.reset(7 + batch, batch);
                long t = 1_000_000L * (batch + 1);
                for (int i = 0; i < 250; i++) {
                    b.event2(EventType.GO_START, t += 17 * i, 100 + i, 1);
                    b.event4(EventType.GO_BLOCK, t += 5, 100 + i, BlockReason.SLEEP.code(), 0, 0);
                }
                w.writeBatch(b);
            }
            w.writeFooter(new FooterInfo(9_000_000, 1000, 2, 2, 0, "exit"));
        }
        return bytes.toByteArray();
    }

    @Test
    void batchesAreThoseOfTheFullPass() throws IOException {
        byte[] t = trace();
        List<BatchRef> full;
        List<BatchRef> headers;
        try (TraceReader r = TraceReader.open(t, "full")) {
            full = TraceIndex.build(r, true).batches();
        }
        try (TraceReader r = TraceReader.open(t, "headers")) {
            TraceIndex ix = TraceIndex.build(r, false);
            headers = ix.batches();
            assertTrue(ix.compressedFrames() >= 2, "the events frames are compressed");
            assertEquals(List.of(), ix.damage());
        }
        assertEquals(2, full.size());
        assertEquals(full, headers);
        assertEquals(500, headers.get(0).count());
    }

    @Test
    void aFrameThatDoesNotInflateWholeIsFoundWhenItsEventsAreRead() throws IOException {
        byte[] t = trace();
        int frame = FrameBytes.firstEventsFrame(t);
        // cut the deflate stream short: keep the frame's length, zero its last bytes, and make the
        // checksums right again, as a buggy writer would
        int end = frame + FormatConstants.FRAME_HEADER_SIZE + FrameBytes.payloadLength(t, frame);
        for (int i = end - 40; i < end; i++) {
            t[i] = 0;
        }
        FrameBytes.fixChecksums(t, frame);
        try (TraceReader r = TraceReader.open(t, "headers")) {
            TraceIndex ix = TraceIndex.build(r, false);
            assertEquals(2, ix.batches().size(), "the header inflates: the batch is listed");
            DecodedBatch b = new DecodedBatch().load(r, ix.batches().get(0));
            assertNotNull(b.loadError(), "reading it whole finds the damage");
            assertTrue(b.loadError().getMessage().contains("compressed payload"), b.loadError().getMessage());
        }
        try (TraceReader r = TraceReader.open(t, "full")) {
            TraceIndex ix = TraceIndex.build(r, true);
            assertEquals(1, ix.batches().size(), "the full pass leaves it out");
            assertEquals(1, ix.damage().size());
        }
    }
}
