package dev.vtrace.format;

import static org.junit.jupiter.api.Assertions.*;

import dev.vtrace.format.reader.Damage;
import dev.vtrace.format.reader.Event;
import dev.vtrace.format.reader.EventBatch;
import dev.vtrace.format.reader.Frame;
import dev.vtrace.format.reader.Stack;
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

class TraceReaderTest {
    @TempDir
    Path dir;

    private Path write(byte[] data) throws IOException {
        return Files.write(dir.resolve("t" + System.nanoTime() + ".bin"), data);
    }

    /** Offsets and ends of all frames of a sound file. */
    static List<long[]> frameSpans(Path p) throws IOException {
        List<long[]> spans = new ArrayList<>();
        try (TraceReader r = TraceReader.open(p)) {
            Frame f;
            while ((f = r.next()) != null) {
                spans.add(new long[] {f.offset(), f.offset() + f.fileLength()});
            }
            assertEquals(List.of(), r.damage(), "a freshly written file has no damage");
        }
        return spans;
    }

    @Test
    void readsEverythingTheWriterWrote() throws IOException {
        for (boolean deflate : new boolean[] {false, true}) {
            Path p = write(SampleTraces.small(deflate));
            try (TraceReader r = TraceReader.open(p)) {
                TraceIndex ix = TraceIndex.build(r, true);
                assertEquals(List.of(), ix.damage());
                assertFalse(ix.truncated());
                assertEquals("25.0.3", ix.header().getJvmVersion());
                assertEquals(4242, ix.header().getPid());
                assertEquals(123_456_789L, ix.header().getEpochNanotime());
                assertEquals("exit", ix.footer().getEndReason());
                assertEquals(16, ix.totalEvents());
                assertEquals(3, ix.events(EventType.GO_CREATE));
                assertEquals(6, ix.events(EventType.GO_START));
                assertEquals(1, ix.events(EventType.GO_END));
                assertEquals(3, ix.batches().size());
                assertEquals(0 + 1 + 2, ix.droppedInBatches());
                assertEquals(1_000, ix.minTs());
                assertEquals(3_310, ix.maxTs());
                assertEquals("worker-1", ix.tables().string(1));
                Stack s = ix.tables().stack(1);
                assertEquals("com.example.App.handle(App.java:42)", s.top().toString());
                assertEquals(2, s.frames().size());

                Frame f = r.readAt(ix.batches().get(1).offset());
                EventBatch b = new EventBatch().reset(f);
                Event e = new Event();
                assertTrue(b.next(e));
                assertEquals(EventType.GO_CREATE, e.type());
                assertEquals(101, e.g());
                assertEquals(11, e.m());
                assertEquals(2_000, e.ts());
            }
        }
    }

    @Test
    void rejectsFilesThatAreNotTraces() throws IOException {
        TraceFormatException e = assertThrows(TraceFormatException.class,
                () -> TraceReader.open(write("PK\u0003\u0004 this is a zip".getBytes())).close());
        assertTrue(e.getMessage().contains("not a vtrace file"), e.getMessage());
        e = assertThrows(TraceFormatException.class, () -> TraceReader.open(write(new byte[3])).close());
        assertTrue(e.getMessage().contains("too short"), e.getMessage());
        byte[] future = SampleTraces.small(false);
        future[8] = 9;
        e = assertThrows(TraceFormatException.class, () -> TraceReader.open(write(future)).close());
        assertTrue(e.getMessage().contains("format version 9"), e.getMessage());
    }

    /**
     * Cut the file at every byte: the reader returns exactly the frames that end before the cut
     * and reports the cut frame, or opens nothing when the preamble itself is cut.
     */
    @Test
    void truncationAtEveryOffsetKeepsEveryCompleteFrame() throws IOException {
        for (boolean deflate : new boolean[] {false, true}) {
            byte[] full = SampleTraces.small(deflate);
            List<long[]> spans = frameSpans(write(full));
            for (int cut = 0; cut < full.length; cut++) {
                Path p = write(java.util.Arrays.copyOf(full, cut));
                if (cut < FormatConstants.FILE_PREAMBLE_SIZE) {
                    final Path q = p;
                    assertThrows(TraceFormatException.class, () -> TraceReader.open(q).close(), "cut at " + cut);
                    continue;
                }
                int wantFrames = 0;
                boolean atBoundary = cut == FormatConstants.FILE_PREAMBLE_SIZE;
                for (long[] s : spans) {
                    if (s[1] <= cut) {
                        wantFrames++;
                    }
                    atBoundary |= s[1] == cut;
                }
                try (TraceReader r = TraceReader.open(p)) {
                    int got = 0;
                    while (r.next() != null) {
                        got++;
                    }
                    assertEquals(wantFrames, got, "frames read from a file cut at byte " + cut);
                    assertEquals(!atBoundary, r.truncated(), "truncated() for a cut at byte " + cut);
                    assertEquals(atBoundary ? 0 : 1, r.damage().size(), "damage for a cut at " + cut);
                    if (!atBoundary) {
                        Damage d = r.damage().get(0);
                        assertTrue(d.what().contains("cut short"), d.what());
                    }
                }
                Files.delete(p);
            }
        }
    }

    /**
     * Flip every bit of the first frames: the damaged frame is reported (CRC-32C catches every
     * single-bit error) and every other frame is still read.
     */
    @Test
    void singleBitFlipsAreReportedAndTheOtherFramesSurvive() throws IOException {
        byte[] full = SampleTraces.small(false);
        Path good = write(full);
        List<long[]> spans = frameSpans(good);
        long limit = spans.get(3)[1]; // preamble, header, strings, stacks, and the first batch
        for (int bit = 0; bit < limit * 8; bit++) {
            byte[] bad = full.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            Path p = write(bad);
            int at = bit / 8;
            if (at < FormatConstants.FILE_PREAMBLE_SIZE) {
                assertThrows(TraceFormatException.class, () -> TraceReader.open(p).close(), "bit " + bit);
                Files.delete(p);
                continue;
            }
            List<Long> got = new ArrayList<>();
            try (TraceReader r = TraceReader.open(p)) {
                Frame f;
                while ((f = r.next()) != null) {
                    got.add(f.offset());
                }
                assertFalse(r.damage().isEmpty(), "bit " + bit + " flipped but no damage reported");
                assertTrue(r.damage().get(0).offset() <= at, "damage reported after the flipped byte " + at);
            }
            List<Long> want = new ArrayList<>();
            for (long[] s : spans) {
                if (at < s[0] || at >= s[1]) {
                    want.add(s[0]);
                }
            }
            assertEquals(want, got, "intact frames after flipping bit " + bit);
            Files.delete(p);
        }
    }

    @Test
    void hugeLengthFieldIsDamageNotAnAllocation() throws IOException {
        byte[] full = SampleTraces.small(false);
        int h = FormatConstants.FILE_PREAMBLE_SIZE; // first frame header
        // a hostile writer: length 2^31-1 with a header checksum that holds
        FrameBytes.putIntLE(full, h + 8, Integer.MAX_VALUE);
        FrameBytes.fixHeaderChecksum(full, h);
        try (TraceReader r = TraceReader.open(write(full))) {
            TraceIndex ix = TraceIndex.build(r, true);
            assertTrue(ix.damage().get(0).what().contains("exceeds the limit"), ix.damage().toString());
            assertNull(ix.header(), "the header frame was the damaged one");
            assertEquals(16, ix.totalEvents(), "everything after the damage is still read");
        }
    }
}
