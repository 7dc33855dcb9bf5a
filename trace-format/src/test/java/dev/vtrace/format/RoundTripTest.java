package dev.vtrace.format;

import static org.junit.jupiter.api.Assertions.*;

import dev.vtrace.format.reader.BatchRef;
import dev.vtrace.format.reader.Event;
import dev.vtrace.format.reader.EventBatch;
import dev.vtrace.format.reader.TraceIndex;
import dev.vtrace.format.reader.TraceReader;
import dev.vtrace.format.writer.EventBuffer;
import dev.vtrace.format.writer.FooterInfo;
import dev.vtrace.format.writer.StackTable;
import dev.vtrace.format.writer.StringTable;
import dev.vtrace.format.writer.TraceFileWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seeded property test: every event type, random arguments, written and read back exactly. */
class RoundTripTest {
    static final int EVENTS = 150_000;

    @TempDir
    Path dir;

    record Written(EventType type, long ts, long m, long[] args) {}

    /** Argument values that stress the encoding: small, large, all 64 bits, negative as unsigned. */
    static long randomArg(SplittableRandom rnd) {
        return switch (rnd.nextInt(5)) {
            case 0 -> rnd.nextInt(128);
            case 1 -> rnd.nextLong(1L << 20);
            case 2 -> rnd.nextLong();
            case 3 -> -1L - rnd.nextInt(3);
            default -> Long.MAX_VALUE - rnd.nextInt(3);
        };
    }

    @Test
    void everyEventTypeRoundTripsWithRandomArguments() throws IOException {
        for (boolean deflate : new boolean[] {false, true}) {
            long seed = 0x5EED_0000L + (deflate ? 1 : 0);
            SplittableRandom rnd = new SplittableRandom(seed);
            EventType[] types = EventType.values();
            List<Written> written = new ArrayList<>(EVENTS);
            Path file = dir.resolve("rt-" + deflate + ".bin");
            StringTable strings = new StringTable();
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file));
                    TraceFileWriter w = new TraceFileWriter(out, deflate, strings, new StackTable(strings))) {
                w.writeHeader(SampleTraces.header());
                // small buffers so there are many batches; four writer threads take turns
                EventBuffer[] bufs = new EventBuffer[4];
                long[] clock = new long[4];
                for (int i = 0; i < bufs.length; i++) {
                    bufs[i] = new EventBuffer(256 + rnd.nextInt(4096));
                    bufs[i].reset(1 + i * 1_000_000_007L, i);
                    clock[i] = rnd.nextLong(1L << 40);
                }
                for (int n = 0; n < EVENTS; n++) {
                    int t = rnd.nextInt(bufs.length);
                    EventBuffer b = bufs[t];
                    if (!b.hasRoom()) {
                        w.writeBatch(b);
                        b.reset(b.m(), rnd.nextInt(3));
                    }
                    EventType type = types[rnd.nextInt(types.length)];
                    clock[t] += rnd.nextInt(4) == 0 ? rnd.nextLong(1L << 32) : rnd.nextInt(2_000);
                    long ts = clock[t];
                    long[] a = new long[EventType.MAX_ARGS];
                    for (int i = 0; i < type.argCount(); i++) {
                        a[i] = randomArg(rnd);
                    }
                    SampleTraces.append(b, type, ts, a);
                    written.add(new Written(type, ts, b.m(), a));
                }
                for (EventBuffer b : bufs) {
                    w.writeBatch(b);
                }
                w.writeFooter(new FooterInfo(0, EVENTS, 0, 0, 0, "exit"));
            }

            // Read back per writer thread (batches of one M are in file order) and compare.
            try (TraceReader r = TraceReader.open(file)) {
                TraceIndex ix = TraceIndex.build(r, true);
                assertEquals(List.of(), ix.damage(), "seed " + seed);
                assertEquals(EVENTS, ix.totalEvents(), "seed " + seed);
                java.util.Map<Long, List<Written>> byM = new java.util.HashMap<>();
                for (Written wr : written) {
                    byM.computeIfAbsent(wr.m(), k -> new ArrayList<>()).add(wr);
                }
                java.util.Map<Long, Integer> cursor = new java.util.HashMap<>();
                EventBatch batch = new EventBatch();
                Event e = new Event();
                for (BatchRef ref : ix.batches()) {
                    batch.reset(r.readAt(ref.offset()));
                    List<Written> want = byM.get(ref.m());
                    int i = cursor.getOrDefault(ref.m(), 0);
                    while (batch.next(e)) {
                        Written wr = want.get(i++);
                        String where = "seed " + seed + ", m " + ref.m() + ", event " + (i - 1);
                        assertEquals(wr.type(), e.type(), where);
                        assertEquals(wr.ts(), e.ts(), where);
                        assertEquals(wr.m(), e.m(), where);
                        for (int k = 0; k < wr.type().argCount(); k++) {
                            assertEquals(wr.args()[k], e.arg(k), where + " arg " + wr.type().args().get(k));
                        }
                    }
                    cursor.put(ref.m(), i);
                }
                for (var en : byM.entrySet()) {
                    assertEquals(en.getValue().size(), cursor.get(en.getKey()), "events of m " + en.getKey());
                }
            }
        }
    }
}
