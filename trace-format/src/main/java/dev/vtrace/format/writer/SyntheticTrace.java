package dev.vtrace.format.writer;

import dev.vtrace.format.BlockReason;
import dev.vtrace.format.EventType;
import dev.vtrace.format.UnblockKind;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.SplittableRandom;

/**
 * A synthetic trace, for benchmarks and for training the JIT (the launcher builds its startup
 * cache from a run that analyzes and exports one): large and state-consistent, {@code carriers}
 * Ms each with its own P, 10,000 long-lived threads cycling unblock → start → block (a mix of
 * reasons, a few stacks), and one short-lived thread (create, start, end) in 50 cycles. Batches of all Ms overlap in time, as
 * the recorder writes them. Deterministic (seeded).
 */
public final class SyntheticTrace {
    private SyntheticTrace() {}

    /** Writes about {@code events} events (at least the 30,000 that start the threads) to {@code file}; returns how many. */
    public static long write(Path file, long events, int carriers) throws IOException {
        SplittableRandom rnd = new SplittableRandom(42);
        StringTable strings = new StringTable();
        StackTable stacks = new StackTable(strings);
        long[] sites = new long[8];
        for (int i = 0; i < sites.length; i++) {
            sites[i] = stacks.id(new StackTraceElement[] {
                new StackTraceElement("java.util.concurrent.locks.LockSupport", "park", "LockSupport.java", 371),
                new StackTraceElement("com.example.Service" + i, "handle", "Service" + i + ".java", 10 + i)});
        }
        int[] reasons = {BlockReason.QUEUE_TAKE.code(), BlockReason.NET_READ.code(), BlockReason.LOCK.code(),
            BlockReason.SLEEP.code()};
        long written = 0;
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                TraceFileWriter w = new TraceFileWriter(os, false, strings, stacks)) {
            w.writeHeader(new HeaderInfo(0, 0, "25", "bench", 1, "bench", "bench", "host", carriers, carriers, ""));
            EventBuffer[] buf = new EventBuffer[carriers];
            for (int c = 0; c < carriers; c++) {
                buf[c] = new EventBuffer(64 << 10);
                buf[c].reset(100 + c, 0);
            }
            ArrayDeque<Long> waiting = new ArrayDeque<>();
            long ts = 1_000;
            long nextG = 1_000;
            long name = strings.id("worker");
            for (int i = 0; i < 10_000; i++) {
                int c = i % carriers;
                long g = nextG++;
                ts += 50;
                room(w, buf[c], 3);
                buf[c].event4(EventType.GO_CREATE, ts, g, 1, sites[i % sites.length], name);
                buf[c].event2(EventType.GO_START, ts + 10, g, c + 1);
                buf[c].event4(EventType.GO_BLOCK, ts + 20, g, reasons[i % reasons.length], sites[i % sites.length], 0);
                waiting.add(g);
                written += 3;
            }
            while (written < events) {
                int c = rnd.nextInt(carriers);
                EventBuffer b = buf[c];
                room(w, b, 5);
                long g = waiting.poll();
                ts += 100 + rnd.nextInt(400);
                b.event4(EventType.GO_UNBLOCK, ts, g, 0, UnblockKind.UNPARK.code(), 0);
                b.event2(EventType.GO_START, ts += 200 + rnd.nextInt(2_000), g, c + 1);
                int s = rnd.nextInt(sites.length);
                b.event4(EventType.GO_BLOCK, ts += 500 + rnd.nextInt(20_000), g, reasons[s % reasons.length], sites[s], 0);
                waiting.add(g);
                written += 3;
                if (rnd.nextInt(50) == 0) {
                    long ng = nextG++;
                    b.event4(EventType.GO_CREATE, ts += 10, ng, g, sites[0], name);
                    b.event2(EventType.GO_START, ts += 10, ng, c + 1);
                    b.event1(EventType.GO_END, ts += 1_000, ng);
                    written += 3;
                }
            }
            for (EventBuffer b : buf) {
                w.writeBatch(b);
            }
            w.writeFooter(new FooterInfo(ts, written, 0, w.batchesWritten(), 0, "exit"));
        }
        return written;
    }

    private static void room(TraceFileWriter w, EventBuffer b, int events) throws IOException {
        if (b.size() + events * EventBuffer.MAX_EVENT_BYTES > b.array().length) {
            w.writeBatch(b);
            b.reset(b.m(), 0);
        }
    }
}
