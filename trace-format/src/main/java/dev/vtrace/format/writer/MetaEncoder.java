package dev.vtrace.format.writer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Encodes the header and footer messages to their protobuf schema by hand, because the writer
 * runs inside the recorded JVM where protobuf-java must not be loaded. Field numbers must match
 * vtrace_meta.proto; the reader parses them with the generated classes, and a test checks the
 * two agree.
 */
final class MetaEncoder {
    private static final int VARINT = 0;
    private static final int LEN = 2;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    static byte[] header(HeaderInfo h, int formatVersion) {
        MetaEncoder e = new MetaEncoder();
        e.uint(1, formatVersion);
        e.uint(2, h.epochNanoTime());
        e.uint(3, h.epochUnixNanos());
        e.string(4, h.jvmVersion());
        e.string(5, h.jvmVendor());
        e.uint(6, h.pid());
        e.string(7, h.commandLine());
        e.string(8, h.recorderVersion());
        e.string(9, h.hostName());
        e.uint(10, h.availableProcessors());
        e.uint(11, h.schedulerParallelism());
        e.string(12, h.options());
        return e.out.toByteArray();
    }

    static byte[] footer(FooterInfo f) {
        MetaEncoder e = new MetaEncoder();
        e.uint(1, f.endNanos());
        e.uint(2, f.eventsWritten());
        e.uint(3, f.eventsDropped());
        e.uint(4, f.batchesWritten());
        e.uint(5, f.batchesDropped());
        e.string(6, f.endReason());
        return e.out.toByteArray();
    }

    /** A varint field (uint32, uint64 and int64 all encode as the two's-complement varint). */
    private void uint(int field, long v) {
        if (v == 0) {
            return; // proto3 default: omitted
        }
        varint(((long) field << 3) | VARINT);
        varint(v);
    }

    private void string(int field, String s) {
        if (s == null || s.isEmpty()) {
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        varint(((long) field << 3) | LEN);
        varint(b.length);
        out.write(b, 0, b.length);
    }

    private void varint(long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
