package dev.vtrace.bench;

import dev.vtrace.format.writer.EventBuffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.Deflater;
import org.apache.commons.compress.compressors.lz4.BlockLZ4CompressorOutputStream;
import org.apache.commons.compress.compressors.snappy.SnappyCompressorOutputStream;

/**
 * Compares frame codecs on 64 KiB event batches of the realistic mix, side by side in one run:
 * ratio and compression MB/s. The writer runs in the recorded JVM and may only use the JDK's
 * DEFLATE; commons-compress codecs are measured for the offline side.
 * Run: {@code java -cp bench/target/benchmarks.jar dev.vtrace.bench.CodecFigures}.
 */
public final class CodecFigures {
    interface Codec {
        int compress(byte[] in, int len) throws IOException;
    }

    public static void main(String[] args) throws Exception {
        List<byte[]> batches = new ArrayList<>();
        EventMix mix = new EventMix();
        for (int i = 0; i < 300; i++) { // ~20 MB of events
            EventBuffer b = new EventBuffer(64 << 10);
            b.reset(1, 0);
            mix.fill(b);
            batches.add(java.util.Arrays.copyOf(b.array(), b.size()));
        }
        byte[] out = new byte[200 << 10];
        record Named(String name, Codec codec) {}
        List<Named> codecs = List.of(
                new Named("deflate-1 (JDK)", deflate(1, out)),
                new Named("deflate-6 (JDK)", deflate(6, out)),
                new Named("lz4-block (commons-compress)", (in, len) -> stream(in, len,
                        o -> new BlockLZ4CompressorOutputStream(o))),
                new Named("snappy (commons-compress)", (in, len) -> stream(in, len,
                        o -> new SnappyCompressorOutputStream(o, len))));
        System.out.printf(Locale.US, "%-30s %8s %10s%n", "codec", "ratio", "MB/s");
        for (int round = 0; round < 3; round++) {
            for (Named n : codecs) {
                // each codec gets at most 3 s a round: commons-compress's LZ4 is orders slower
                long t0 = System.nanoTime();
                long c = 0;
                long in = 0;
                for (byte[] b : batches) {
                    c += n.codec().compress(b, b.length);
                    in += b.length;
                    if (System.nanoTime() - t0 > 3_000_000_000L) {
                        break;
                    }
                }
                long t = System.nanoTime() - t0;
                if (round == 2) { // earlier rounds warm up
                    System.out.printf(Locale.US, "%-30s %7.2fx %10.1f%n", n.name(), in / (double) c, in / 1e6 / (t / 1e9));
                }
            }
        }
    }

    interface StreamFactory {
        OutputStream wrap(OutputStream o) throws IOException;
    }

    static int stream(byte[] in, int len, StreamFactory f) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream(len);
        try (OutputStream o = f.wrap(bos)) {
            o.write(in, 0, len);
        }
        return bos.size();
    }

    static Codec deflate(int level, byte[] out) {
        Deflater d = new Deflater(level, true);
        return (in, len) -> {
            d.reset();
            d.setInput(in, 0, len);
            d.finish();
            int n = 0;
            while (!d.finished()) {
                n += d.deflate(out, 0, out.length);
            }
            return n;
        };
    }
}
