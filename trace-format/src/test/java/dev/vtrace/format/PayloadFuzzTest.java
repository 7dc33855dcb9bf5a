package dev.vtrace.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vtrace.format.reader.DecodedBatch;
import dev.vtrace.format.reader.EventRecord;
import dev.vtrace.format.reader.TraceFormatException;
import dev.vtrace.format.reader.TraceIndex;
import dev.vtrace.format.reader.TraceReader;
import dev.vtrace.format.writer.EventBuffer;
import dev.vtrace.format.writer.StackTable;
import dev.vtrace.format.writer.StringTable;
import dev.vtrace.format.writer.TraceFileWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The event decoder against a plain one written from docs/format.md, on payloads a buggy writer
 * could produce: bytes changed inside one long events frame whose checksums are then made right
 * again, so that only decoding can notice. The decoder's fast path (no end check per byte while a
 * whole event's worth of bytes remains) and its checked path must yield the same events as the
 * plain decoder, and stop with a TraceFormatException at the same event; nothing else escapes.
 */
class PayloadFuzzTest {
    private static final int EVENTS = 300;

    @Test
    void mutatedPayloadsDecodeAsThePlainDecoderSays() throws IOException {
        SplittableRandom rnd = new SplittableRandom(0x9A7L);
        byte[] clean = trace(rnd);
        int frame = FrameBytes.firstEventsFrame(clean);
        int payload = frame + FormatConstants.FRAME_HEADER_SIZE;
        int len = FrameBytes.payloadLength(clean, frame);
        assertEquals(plain(clean, payload, len), decoded(clean), "the clean trace");
        int stopped = 0;
        for (int i = 0; i < 3_000; i++) {
            byte[] b = clean.clone();
            for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
                // half of them near the end, where the decoder leaves its fast path
                int at = payload + (rnd.nextBoolean() ? rnd.nextInt(len) : len - 1 - rnd.nextInt(64));
                b[at] = switch (rnd.nextInt(3)) {
                    case 0 -> (byte) (b[at] ^ (1 << rnd.nextInt(8)));
                    case 1 -> (byte) 0xFF; // a varint that does not end
                    default -> (byte) rnd.nextInt(256);
                };
            }
            FrameBytes.fixChecksums(b, frame);
            List<String> expected = plain(b, payload, len);
            List<String> got;
            try {
                got = decoded(b);
            } catch (Throwable t) {
                fail("mutation " + i + ": " + t, t);
                return;
            }
            assertEquals(expected, got, "mutation " + i);
            if (expected.getLast().equals("error")) {
                stopped++;
            }
        }
        assertEquals(true, stopped > 300, "mutations must often break decoding: " + stopped);
    }

    /** One events frame of EVENTS random events of every type, with values of every varint length. */
    private static byte[] trace(SplittableRandom rnd) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringTable strings = new StringTable();
        try (TraceFileWriter w = new TraceFileWriter(bytes, false, strings, new StackTable(strings))) {
            w.writeHeader(SampleTraces.header());
            EventBuffer b = new EventBuffer(1 << 16);
            b.reset(7, 0);
            long ts = 1;
            for (int i = 0; i < EVENTS; i++) {
                ts += value(rnd);
                EventType t = EventType.byCode(1 + rnd.nextInt(EventType.MAX_CODE));
                long[] a = {value(rnd), value(rnd), value(rnd), value(rnd)};
                // trailing zero arguments are left out by the writer: make some
                for (int j = 3; j >= 0 && rnd.nextInt(3) == 0; j--) {
                    a[j] = 0;
                }
                SampleTraces.append(b, t, ts, a);
            }
            w.writeBatch(b);
        }
        return bytes.toByteArray();
    }

    /** A value whose varint takes 1 to 9 bytes. */
    private static long value(SplittableRandom rnd) {
        return rnd.nextLong(1L << (1 + rnd.nextInt(62)));
    }

    /** Every event of the trace's first batch as the reader decodes it, then "error" if it stopped. */
    private static List<String> decoded(byte[] trace) throws IOException {
        List<String> out = new ArrayList<>();
        try (TraceReader r = TraceReader.open(trace, "fuzz")) {
            TraceIndex ix = TraceIndex.build(r, false);
            if (ix.batches().isEmpty()) { // its batch header is broken: the index lists it as damage
                assertEquals(1, ix.damage().size(), "damage: " + ix.damage());
                out.add("error");
                return out;
            }
            DecodedBatch batch = new DecodedBatch().load(r, ix.batches().get(0));
            if (batch.loadError() != null) {
                out.add("error");
                return out;
            }
            long[] w = new long[EventRecord.WORDS];
            try {
                while (batch.next(w, 0)) {
                    out.add(w[EventRecord.TS] + " " + w[EventRecord.CODE] + " " + w[EventRecord.M] + " "
                            + w[EventRecord.ARGS] + " " + w[EventRecord.ARGS + 1] + " " + w[EventRecord.ARGS + 2]
                            + " " + w[EventRecord.ARGS + 3]);
                }
            } catch (TraceFormatException e) {
                out.add("error");
            }
        }
        return out;
    }

    /** docs/format.md's events payload, decoded one byte at a time with every bound checked. */
    private static List<String> plain(byte[] b, int from, int len) {
        List<String> out = new ArrayList<>();
        int[] p = {from};
        int end = from + len;
        try {
            long m = varint(b, p, end);
            long ts = varint(b, p, end);
            varint(b, p, end); // lastTs - firstTs
            long count = varint(b, p, end);
            varint(b, p, end); // dropped before
            if (count < 0 || count > len / 2) {
                throw new IllegalStateException("count");
            }
            long lastG = 0;
            for (long i = 0; i < count; i++) {
                if (p[0] >= end) {
                    throw new IllegalStateException("short");
                }
                int typeByte = b[p[0]++] & 0xFF;
                EventType t = EventType.byCode(typeByte & 0x1F);
                if (t == null) {
                    throw new IllegalStateException("code");
                }
                int n = t.argCount() - (typeByte >>> 5);
                if (n < (t.argCount() > 0 ? 1 : 0)) {
                    throw new IllegalStateException("omitted");
                }
                ts += varint(b, p, end);
                long[] a = new long[4];
                for (int j = 0; j < n; j++) {
                    a[j] = varint(b, p, end);
                }
                if (t.firstArgIsG()) {
                    lastG += (a[0] >>> 1) ^ -(a[0] & 1);
                    a[0] = lastG;
                }
                out.add(ts + " " + t.code() + " " + m + " " + a[0] + " " + a[1] + " " + a[2] + " " + a[3]);
            }
            if (p[0] != end) {
                throw new IllegalStateException("trailing bytes");
            }
        } catch (IllegalStateException e) {
            out.add("error");
        }
        return out;
    }

    private static long varint(byte[] b, int[] p, int end) {
        long v = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            if (p[0] >= end) {
                throw new IllegalStateException("varint past the end");
            }
            byte x = b[p[0]++];
            v |= shift < 64 ? (long) (x & 0x7F) << shift : 0;
            if (x >= 0) {
                return v;
            }
        }
        throw new IllegalStateException("varint longer than 10 bytes");
    }
}
