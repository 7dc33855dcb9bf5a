package dev.vtrace.format;

import static org.junit.jupiter.api.Assertions.*;

import dev.vtrace.format.reader.BatchRef;
import dev.vtrace.format.reader.DecodedBatch;
import dev.vtrace.format.reader.Event;
import dev.vtrace.format.reader.EventBatch;
import dev.vtrace.format.reader.TraceFormatException;
import dev.vtrace.format.reader.TraceIndex;
import dev.vtrace.format.reader.TraceReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batches loaded again for the merge must yield what EventBatch yields on the same frame, errors included. */
class DecodedBatchTest {
    @TempDir
    Path dir;

    @Test
    void yieldsTheEventsOfEventBatch() throws IOException {
        for (boolean deflate : new boolean[] {false, true}) {
            Path p = Files.write(dir.resolve("d" + deflate + ".bin"), SampleTraces.small(deflate));
            try (TraceReader r = TraceReader.open(p)) {
                List<BatchRef> refs = TraceIndex.build(r, false).batches();
                assertEquals(3, refs.size());
                for (BatchRef ref : refs) {
                    assertEquals(direct(r, ref), loaded(r, ref), "deflate=" + deflate);
                }
            }
        }
    }

    @Test
    void stopsWithEventBatchsErrorAtTheSameEvent() throws IOException {
        byte[] bytes = SampleTraces.small(false);
        // an unknown event code in the first batch's third event, checksums made right again:
        // only the decoding can notice
        int frame = FrameBytes.firstEventsFrame(bytes);
        int third = thirdEventOffset(bytes, frame);
        bytes[frame + 20 + third] = 0x1F;
        FrameBytes.fixChecksums(bytes, frame);
        Path p = Files.write(dir.resolve("bad.bin"), bytes);
        try (TraceReader r = TraceReader.open(p)) {
            BatchRef ref = TraceIndex.build(r, false).batches().get(0);
            List<String> expected = direct(r, ref);
            assertEquals(3, expected.size(), "two events, then the error: " + expected);
            assertTrue(expected.get(2).startsWith("error: "), expected.get(2));
            assertEquals(expected, loaded(r, ref));
        }
    }

    @Test
    void aBatchReusedForAnotherYieldsOnlyTheNewOnesEvents() throws IOException {
        Path p = Files.write(dir.resolve("reuse.bin"), SampleTraces.small(true));
        try (TraceReader r = TraceReader.open(p)) {
            List<BatchRef> refs = TraceIndex.build(r, false).batches();
            DecodedBatch b = new DecodedBatch();
            for (BatchRef ref : List.of(refs.get(2), refs.get(0), refs.get(2))) {
                b.load(r, ref);
                assertNull(b.loadError());
                assertEquals(direct(r, ref), drain(b::next), "after reuse, " + ref);
            }
        }
    }

    private static List<String> direct(TraceReader r, BatchRef ref) throws IOException {
        EventBatch b = new EventBatch().reset(r.readAt(ref.offset()));
        return drain(b::next);
    }

    private static List<String> loaded(TraceReader r, BatchRef ref) throws IOException {
        DecodedBatch b = new DecodedBatch().load(r, ref);
        assertNull(b.loadError());
        return drain(b::next);
    }

    /** Either batch's {@code next(Event)}. */
    private interface EventSource {
        boolean next(Event e) throws IOException;
    }

    /** Every event as text, then the error that stopped the batch, if any. */
    private static List<String> drain(EventSource source) throws IOException {
        List<String> out = new ArrayList<>();
        Event e = new Event();
        try {
            while (source.next(e)) {
                out.add(e.toString());
            }
        } catch (TraceFormatException ex) {
            out.add("error: " + ex.getMessage());
        }
        return out;
    }

    /** Payload offset of the third event: skips the batch header (5 varints) and two events. */
    private static int thirdEventOffset(byte[] f, int frame) {
        int p = frame + FormatConstants.FRAME_HEADER_SIZE;
        int start = p;
        for (int i = 0; i < 5; i++) {
            p = skipVarint(f, p);
        }
        // GO_CREATE: type, ts, 4 args; GO_START: type, ts, 2 args (none left out in this sample)
        p = skipVarints(f, p + 1, 5);
        p = skipVarints(f, p + 1, 3);
        return p - start;
    }

    private static int skipVarints(byte[] f, int p, int n) {
        for (int i = 0; i < n; i++) {
            p = skipVarint(f, p);
        }
        return p;
    }

    private static int skipVarint(byte[] f, int p) {
        while (f[p] < 0) {
            p++;
        }
        return p + 1;
    }
}
