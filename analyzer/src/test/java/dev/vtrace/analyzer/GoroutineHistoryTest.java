package dev.vtrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoroutineHistoryTest {
    @TempDir
    Path dir;

    @Test
    void fullLifeOfOneThread() throws IOException {
        Path trace = new AnalysisTest() {{ dir = GoroutineHistoryTest.this.dir; }}.trace();
        GoroutineHistory h = GoroutineHistory.run(trace, 10);
        List<String> got = h.steps().stream().map(s -> s.ts() + " " + s.cause() + " " + s.from() + "→" + s.to() + " lasted "
                + s.durationNs() + " p" + s.p() + " " + s.reason() + " by" + s.by()).toList();
        assertEquals(List.of(
                "1000 GoCreate NOT_EXIST→RUNNABLE lasted 1000 p0  by1",
                "1500 GoStart RUNNABLE→RUNNING lasted 500 p2  by0",
                "2500 GoBlock RUNNING→WAITING lasted 1000 p2 sleep by0",
                "12500 GoUnblock WAITING→RUNNABLE lasted 10000 p0 timeout by3",
                "13000 GoStart RUNNABLE→RUNNING lasted 500 p2  by0",
                "13100 GoPinnedBlock RUNNING→PINNED lasted 100 p2 native frame by0",
                "13600 GoPinnedUnblock PINNED→RUNNING lasted 500 p2  by0",
                "14000 GoEnd RUNNING→NOT_EXIST lasted 400 p2  by0"), got, "steps of G10");
        assertEquals(List.of("java.lang.Thread.sleep(Thread.java:1)", "com.example.Worker.pause(Worker.java:7)"),
                h.steps().get(2).stack(), "block stack");
        StringBuilder sb = new StringBuilder();
        h.text(sb);
        assertTrue(sb.toString().contains("total: execution 1.50 µs, sched wait 1.00 µs, blocked 10.0 µs, pinned 500 ns"), sb.toString());

        GoroutineHistory alive = GoroutineHistory.run(trace, 1);
        assertTrue(alive.steps().get(0).inferred(), "G1 was running before the trace");
        assertEquals("end of trace", alive.steps().get(alive.steps().size() - 1).cause(), "G1 is alive at the end");
        assertFalse(GoroutineHistory.run(trace, 999).found(), "an unknown thread");
    }
}
