package dev.vtrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtrace.format.BlockReason;
import dev.vtrace.format.UnblockKind;
import dev.vtrace.format.reader.Damage;
import dev.vtrace.format.reader.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrderedStreamTest {
    @TempDir
    Path dir;

    /** Records what the stream delivers, one line per callback. */
    static final class Log implements TraceConsumer {
        final List<String> events = new ArrayList<>();
        final List<String> g = new ArrayList<>();
        final List<String> p = new ArrayList<>();
        final List<String> end = new ArrayList<>();
        final List<Problem> problems = new ArrayList<>();
        final List<Damage> damage = new ArrayList<>();
        TraceMeta meta;
        long finished = -1;

        @Override
        public void start(TraceMeta meta) {
            this.meta = meta;
            damage.addAll(meta.damage());
        }

        @Override
        public void onEvent(Event e) {
            events.add(e.ts() + " " + e.type() + " m" + e.m());
        }

        @Override
        public void onG(GTransition t) {
            g.add(line(t));
        }

        @Override
        public void onP(PTransition t) {
            p.add(t.ts + " P" + t.p + " " + t.from + "@" + t.fromTs + "->" + t.to);
        }

        @Override
        public void aliveAtEnd(GTransition t) {
            end.add(line(t));
        }

        @Override
        public void onProblem(Problem pr) {
            problems.add(pr);
        }

        @Override
        public void onDamage(Damage d) {
            damage.add(d);
        }

        @Override
        public void finish(long endTs) {
            finished = endTs;
        }

        static String line(GTransition t) {
            return t.ts + " G" + t.g + " " + t.from + "@" + t.fromTs + (t.inferred() ? "(inferred)" : "") + "->" + t.to
                    + " " + t.cause + " p" + t.p + (t.reason != 0 ? " r" + t.reason : "") + (t.by != 0 ? " by" + t.by : "");
        }
    }

    private Log run(TraceBuilder b) throws IOException {
        Log log = new Log();
        OrderedStream.run(b.write(dir), log);
        return log;
    }

    @Test
    void lifeOfOneThread() throws IOException {
        TraceBuilder b = new TraceBuilder();
        b.create(1, 100, 10, 1, 0, "worker")
                .start(2, 150, 10, 1)
                .block(2, 400, 10, BlockReason.SLEEP.code(), 0)
                .unblock(3, 1_400, 10, 3, UnblockKind.TIMEOUT.code())
                .start(2, 1_500, 10, 1)
                .end(2, 1_600, 10);
        Log log = run(b);
        assertEquals(List.of(
                "100 G10 NOT_EXIST@100->RUNNABLE GO_CREATE p0 by1",
                "150 G10 RUNNABLE@100->RUNNING GO_START p1",
                "400 G10 RUNNING@150->WAITING GO_BLOCK p1 r1",
                "1400 G10 WAITING@400->RUNNABLE GO_UNBLOCK p0 r1 by3",
                "1500 G10 RUNNABLE@1400->RUNNING GO_START p1",
                "1600 G10 RUNNING@1500->NOT_EXIST GO_END p1"), log.g, "transitions");
        assertEquals(List.of(), log.problems, "problems");
        assertEquals(List.of(), log.end, "alive at end");
        assertEquals(1_600, log.finished, "end of trace");
        assertEquals(List.of("150 P1 IDLE@100->RUNNING"), log.p, "P transitions");
    }

    /** Every goroutine event type, for the views the stream keeps per cause (from and to fixed by it). */
    @Test
    void everyCauseGoesToItsState() throws IOException {
        TraceBuilder b = new TraceBuilder();
        b.create(1, 100, 10, 1, 0, "worker")
                .start(2, 150, 10, 1)
                .sched(2, 200, 10)
                .start(2, 250, 10, 1)
                .pinnedBlock(2, 300, 10, 1, 0)
                .pinnedUnblock(2, 350, 10)
                .block(2, 400, 10, BlockReason.SLEEP.code(), 0)
                .unblock(3, 500, 10, 3, UnblockKind.TIMEOUT.code())
                .start(2, 600, 10, 1)
                .end(2, 700, 10);
        Log log = run(b);
        assertEquals(List.of(
                "100 G10 NOT_EXIST@100->RUNNABLE GO_CREATE p0 by1",
                "150 G10 RUNNABLE@100->RUNNING GO_START p1",
                "200 G10 RUNNING@150->RUNNABLE GO_SCHED p1",
                "250 G10 RUNNABLE@200->RUNNING GO_START p1",
                "300 G10 RUNNING@250->PINNED GO_PINNED_BLOCK p1 r1",
                "350 G10 PINNED@300->RUNNING GO_PINNED_UNBLOCK p1",
                "400 G10 RUNNING@350->WAITING GO_BLOCK p1 r1",
                "500 G10 WAITING@400->RUNNABLE GO_UNBLOCK p0 r1 by3",
                "600 G10 RUNNABLE@500->RUNNING GO_START p1",
                "700 G10 RUNNING@600->NOT_EXIST GO_END p1"), log.g, "transitions");
        assertEquals(List.of(), log.problems, "problems");
    }

    @Test
    void batchesWrittenOutOfOrderByTwoMsAreMerged() throws IOException {
        TraceBuilder b = new TraceBuilder();
        // M2's batch reaches the file first although M1's events are earlier and interleave
        b.start(2, 500, 20, 2).block(2, 700, 20, BlockReason.LOCK.code(), 0).flush(2);
        b.create(1, 100, 20, 1, 0, "a").create(1, 200, 21, 1, 0, "b").unblock(1, 900, 20, 1, 0)
                .start(1, 950, 21, 1).flush(1);
        b.start(2, 1_000, 20, 2).end(2, 1_100, 20).flush(2);
        Log log = run(b);
        assertEquals(List.of("100 GO_CREATE m1", "200 GO_CREATE m1", "500 GO_START m2", "700 GO_BLOCK m2",
                "900 GO_UNBLOCK m1", "950 GO_START m1", "1000 GO_START m2", "1100 GO_END m2"), log.events, "order");
        assertEquals(List.of(), log.problems, "problems");
        assertEquals(List.of("1100 G21 RUNNING@950->RUNNING null p1"), log.end, "alive at end");
    }

    @Test
    void equalTimestampsFollowCausalOrder() throws IOException {
        TraceBuilder b = new TraceBuilder();
        // all at t=100, the effects written by lower-numbered Ms than their causes
        b.start(1, 100, 30, 1); // G30 starts ...
        b.create(9, 100, 30, 5, 0, "x"); // ... just created by M9
        b.start(2, 200, 31, 2);
        b.start(3, 300, 31, 2); // G31 restarts on M3 ...
        b.unblock(4, 300, 31, 7, 0); // ... woken on M4 ...
        b.block(5, 300, 31, BlockReason.QUEUE_TAKE.code(), 0); // ... after it blocked on M5
        b.create(6, 150, 31, 5, 0, "y");
        Log log = run(b);
        assertEquals(List.of(), log.problems, "problems");
        assertEquals(List.of("100 GO_CREATE m9", "100 GO_START m1", "150 GO_CREATE m6", "200 GO_START m2",
                "300 GO_BLOCK m5", "300 GO_UNBLOCK m4", "300 GO_START m3"), log.events, "order");
    }

    @Test
    void threadAliveAtBothEndsIsInferred() throws IOException {
        TraceBuilder b = new TraceBuilder();
        b.create(1, 50, 99, 1, 0, "other"); // fixes the trace start at 50
        b.start(2, 100, 40, 3); // P3 first seen running, but ...
        b.unblock(1, 200, 41, 1, 0); // G41 was waiting since before the trace
        b.block(2, 300, 40, BlockReason.SLEEP.code(), 0);
        b.block(4, 400, 42, BlockReason.NET_READ.code(), 0); // G42 was running on M4 (P unknown)
        b.endAt(1_000);
        Log log = run(b);
        assertEquals(List.of(
                "50 G99 NOT_EXIST@50->RUNNABLE GO_CREATE p0 by1",
                "100 G40 RUNNABLE@50(inferred)->RUNNING GO_START p3",
                "200 G41 WAITING@50(inferred)->RUNNABLE GO_UNBLOCK p0 by1",
                "300 G40 RUNNING@100->WAITING GO_BLOCK p3 r1",
                "400 G42 RUNNING@50(inferred)->WAITING GO_BLOCK p0 r14"), log.g, "transitions");
        assertEquals(List.of(
                "1000 G40 WAITING@300->WAITING null p0 r1",
                "1000 G41 RUNNABLE@200->RUNNABLE null p0",
                "1000 G42 WAITING@400->WAITING null p0 r14",
                "1000 G99 RUNNABLE@50->RUNNABLE null p0"), log.end, "alive at end");
        assertEquals(List.of(), log.problems, "problems");
        assertEquals(1_000, log.finished, "end from the footer");
    }

    @Test
    void impossibleTransitionsAreProblemsNotFixes() throws IOException {
        TraceBuilder b = new TraceBuilder();
        b.create(1, 100, 50, 1, 0, "z").start(2, 200, 50, 1).start(2, 300, 50, 1).end(2, 400, 50).end(2, 500, 50);
        Log log = run(b);
        List<String> got = log.problems.stream().map(p -> p.ts() + " G" + p.g() + ": " + p.what()).toList();
        assertEquals(List.of(
                "300 G50: GO_START of G50: expected it RUNNABLE, found it RUNNING since 200",
                "500 G50: GO_END of G50: expected it RUNNING, found it ended earlier (thread ids are not reused)"),
                got, "problems");
        assertEquals(List.of(
                "100 G50 NOT_EXIST@100->RUNNABLE GO_CREATE p0 by1",
                "200 G50 RUNNABLE@100->RUNNING GO_START p1",
                "300 G50 RUNNING@200->RUNNING GO_START p1",
                "400 G50 RUNNING@300->NOT_EXIST GO_END p1",
                "500 G50 NOT_EXIST@100->NOT_EXIST GO_END p0"), log.g, "transitions: applied with the state found");
    }

    @Test
    void damagedFrameIsReportedAndTheRestAnalyzed() throws IOException {
        TraceBuilder b = new TraceBuilder();
        b.create(1, 100, 60, 1, 0, "a").start(1, 200, 60, 1).flush(1);
        b.create(2, 300, 61, 1, 0, "b").start(2, 400, 61, 2).flush(2); // this batch gets damaged
        b.block(1, 500, 60, BlockReason.SLEEP.code(), 0).flush(1);
        byte[] bytes = b.bytes();
        Path clean = Files.write(dir.resolve("clean.bin"), bytes);
        Log ok = new Log();
        OrderedStream.run(clean, ok);
        assertEquals(5, ok.events.size(), "events in the clean file");
        // find M2's batch: the second events frame; flip a byte in its payload
        int frame = nthFrame(bytes, 2, 2);
        bytes[frame + 20 + 3] ^= 0x40;
        Path bad = Files.write(dir.resolve("bad.bin"), bytes);
        Log log = new Log();
        OrderedStream.run(bad, log);
        assertEquals(1, log.damage.size(), "damage entries: " + log.damage);
        assertEquals(frame, log.damage.get(0).offset(), "damage offset");
        assertEquals(List.of("100 GO_CREATE m1", "200 GO_START m1", "500 GO_BLOCK m1"), log.events, "events kept");
        assertEquals(List.of(), log.problems, "problems");
    }

    /** Offset of the n-th (1-based) frame of a kind. */
    static int nthFrame(byte[] f, int kind, int n) {
        int pos = 12;
        while (pos < f.length) {
            int len = (f[pos + 8] & 0xFF) | (f[pos + 9] & 0xFF) << 8 | (f[pos + 10] & 0xFF) << 16 | (f[pos + 11] & 0xFF) << 24;
            if (f[pos + 4] == kind && --n == 0) {
                return pos;
            }
            pos += 20 + len;
        }
        throw new AssertionError("no such frame");
    }

    @Test
    void manyOverlappingBatchesStayInOrder() throws IOException {
        TraceBuilder b = new TraceBuilder();
        // many overlapping batches, all open in the merge at once
        int ms = 74;
        for (int m = 1; m <= ms; m++) {
            b.create(m, m, 1000 + m, 1, 0, "t");
        }
        for (int m = 1; m <= ms; m++) {
            b.start(m, 10_000 + m, 1000 + m, m).end(m, 20_000 + m, 1000 + m);
        }
        Log log = run(b);
        assertEquals(3 * ms, log.events.size(), "events");
        assertEquals(List.of(), log.problems, "problems");
        for (int i = 1; i < log.events.size(); i++) {
            long a = Long.parseLong(log.events.get(i - 1).split(" ")[0]);
            long c = Long.parseLong(log.events.get(i).split(" ")[0]);
            assertTrue(a <= c, "order at " + i + ": " + log.events.get(i - 1) + " then " + log.events.get(i));
        }
    }
}
