package dev.vtrace.format;

import static org.junit.jupiter.api.Assertions.*;

import dev.vtrace.format.reader.TraceFormatException;
import dev.vtrace.format.reader.TraceIndex;
import dev.vtrace.format.reader.TraceReader;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Mutation fuzzing of the reader: random byte changes, insertions, deletions, cuts and splices
 * of a valid trace. The only outcomes allowed are a TraceFormatException from open (not a trace)
 * or a result with damage recorded; no other exception, no hang, no runaway memory.
 * {@code -Dvtrace.fuzz.iterations=N} runs longer (the bench profile uses 5M).
 */
class ReaderFuzzTest {
    @Test
    void mutatedTracesNeverEscapeTheReader() throws IOException {
        int iterations = Integer.getInteger("vtrace.fuzz.iterations", 100_000);
        byte[][] seeds = {SampleTraces.small(false), SampleTraces.small(true)};
        SplittableRandom rnd = new SplittableRandom(0xF022L);
        long damaged = 0;
        long notTraces = 0;
        for (int i = 0; i < iterations; i++) {
            byte[] in = mutate(seeds[i & 1], rnd);
            try (TraceReader r = TraceReader.open(in, "fuzz-" + i)) {
                TraceIndex ix = TraceIndex.build(r, true);
                if (!ix.damage().isEmpty()) {
                    damaged++;
                }
                // every event counted must have come from a batch that decoded completely
                assertTrue(ix.totalEvents() <= 16 * 8, "iteration " + i + ": more events than any splice holds");
            } catch (TraceFormatException e) {
                notTraces++;
                assertTrue(e.offset() >= 0 && e.offset() <= in.length, "offset in range: " + e.getMessage());
            } catch (Throwable t) {
                fail("iteration " + i + " (input " + java.util.HexFormat.of().formatHex(in) + ")", t);
            }
        }
        assertTrue(damaged > iterations / 4, "the mutations must mostly land: damaged=" + damaged);
        assertTrue(notTraces > 0, "some mutations hit the preamble");
    }

    static byte[] mutate(byte[] seed, SplittableRandom rnd) {
        byte[] b = seed.clone();
        int rounds = 1 + rnd.nextInt(4);
        for (int r = 0; r < rounds; r++) {
            switch (rnd.nextInt(6)) {
                case 0 -> b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                case 2 -> b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length + 1));
                case 3 -> { // delete a range
                    int from = rnd.nextInt(b.length + 1);
                    int to = Math.min(b.length, from + rnd.nextInt(64));
                    byte[] c = new byte[b.length - (to - from)];
                    System.arraycopy(b, 0, c, 0, from);
                    System.arraycopy(b, to, c, from, b.length - to);
                    b = c;
                }
                case 4 -> { // duplicate a range (splices frames)
                    int from = rnd.nextInt(b.length + 1);
                    int len = Math.min(b.length - from, rnd.nextInt(256));
                    byte[] c = new byte[b.length + len];
                    System.arraycopy(b, 0, c, 0, from + len);
                    System.arraycopy(b, from, c, from + len, b.length - from);
                    b = c;
                }
                default -> { // a 4-byte field set to an extreme value
                    if (b.length >= 4) {
                        int at = rnd.nextInt(b.length - 3);
                        int v = rnd.nextBoolean() ? -1 : 0x7FFFFFF0;
                        FrameBytes.putIntLE(b, at, v);
                    }
                }
            }
            if (b.length == 0) {
                break;
            }
        }
        return b;
    }
}
