package dev.vtrace.samples;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every sample, run from the registry at its small size in a child JVM: it ends on its own, and the
 * ground truth it prints is what its parameters say.
 */
class SampleRunsTest {

    @Test
    void workerPoolProcessesEveryItemWithTheSharedChecksum() throws Exception {
        ChildJvm.Result r = succeeded(ChildJvm.runSmall("worker-pool", "--workers=3"));
        assertEquals(200, r.longValue("items.processed"), r.describe());
        assertEquals(3, r.longValue("workers"), r.describe());
        assertEquals(expectedChecksum(200), r.values().get("checksum"), r.describe());
    }

    @Test
    void threadPerItemProcessesEveryItemWithTheSharedChecksum() throws Exception {
        ChildJvm.Result r = succeeded(ChildJvm.runSmall("thread-per-item"));
        assertEquals(200, r.longValue("items.processed"), r.describe());
        assertEquals(200, r.longValue("threads.started"), r.describe());
        assertEquals(expectedChecksum(200), r.values().get("checksum"), r.describe());
    }

    @Test
    void mixedCpuBoundThreadsMakeTheSleepersOversleep() throws Exception {
        // small: 20 sleepers of 20 ms, 2 carriers busy for 80 ms -> ~60 ms oversleep expected
        ChildJvm.Result r = succeeded(ChildJvm.runSmall("mixed"));
        assertEquals(20, r.longValue("io.threads.done"), r.describe());
        assertEquals(2, r.longValue("cpu.threads.done"), r.describe());
        // Lenient: an ordinary 20 ms sleep oversleeps by well under a millisecond.
        double p50 = r.doubleValue("oversleep.ms.p50");
        assertTrue(p50 >= 20, "oversleep p50 " + p50 + " ms, want >= 20 ms\n" + r.describe());
    }

    @Test
    void webApiServesEveryRequest() throws Exception {
        ChildJvm.Result r = succeeded(ChildJvm.runSmall("web-api"));
        assertEquals(50, r.longValue("requests.sent"), r.describe());
        assertEquals(50, r.longValue("requests.served"), r.describe());
        assertEquals(50, r.longValue("responses.ok"), r.describe());
    }

    @Test
    void webApiLeakLeavesOneParkedThreadPerRequestAndStillExits() throws Exception {
        ChildJvm.Result r = succeeded(ChildJvm.runSmall("web-api-leak"));
        assertEquals(50, r.longValue("responses.ok"), r.describe());
        assertEquals(50, r.longValue("threads.leaked"), r.describe());
        assertEquals(50, r.longValue("threads.leaked.parked"), r.describe());
    }

    @Test
    void parkedMillionParksAndReleasesEveryThread() throws Exception {
        ChildJvm.Result r = succeeded(ChildJvm.runSmall("parked-million"));
        assertEquals(10_000, r.longValue("threads.parked"), r.describe());
        assertEquals(10_000, r.longValue("threads.finished"), r.describe());
        double perThread = r.doubleValue("heap.bytes.per.parked.thread");
        assertTrue(perThread > 0, "heap bytes per parked thread " + perThread + ", want > 0\n" + r.describe());
    }

    @Test
    void createLatencyStartsEveryThread() throws Exception {
        ChildJvm.Result r = succeeded(ChildJvm.runSmall("create-latency"));
        assertEquals(200, r.longValue("threads.started"), r.describe());
        double p50 = r.doubleValue("latency.us.p50");
        double p99 = r.doubleValue("latency.us.p99");
        double max = r.doubleValue("latency.us.max");
        assertTrue(0 < p50 && p50 <= p99 && p99 <= max, "want 0 < p50 <= p99 <= max\n" + r.describe());
    }

    @Test
    void createLatencySweepPrintsOneRowPerParallelism() throws Exception {
        ChildJvm.Result r = succeeded(ChildJvm.runSmall("create-latency", "--sweep", "--parallelisms=1,3"));
        List<String> lines = r.stdout().lines().toList();
        assertEquals(3, lines.size(), r.describe());
        assertTrue(lines.get(0).startsWith("parallelism"), r.describe());
        assertTrue(lines.get(1).startsWith("1 "), r.describe());
        assertTrue(lines.get(2).startsWith("3 "), r.describe());
        assertTrue(!r.stdout().contains("?"), "a column is missing\n" + r.describe());
    }

    @Test
    void starvationDelaysTheOthersUntilTheSpinnerEnds() throws Exception {
        // small: --spin-ms=100 on one carrier; the others are created once the spinner runs
        ChildJvm.Result r = succeeded(ChildJvm.runSmall("starvation"));
        assertEquals(1, r.longValue("parallelism"), r.describe());
        assertEquals(10, r.longValue("others.done"), r.describe());
        double minDelay = r.doubleValue("start.delay.ms.min");
        // Lenient for a loaded machine: unstarved, a virtual thread starts within a millisecond.
        assertTrue(minDelay >= 25, "min start delay " + minDelay + " ms, want >= 25 ms\n" + r.describe());
    }

    @Test
    void blockReasonsConfirmsEveryReasonOncePerRound() throws Exception {
        ChildJvm.Result r = succeeded(ChildJvm.runSmall("block-reasons", "--rounds=2"));
        List<String> reasons = List.of("sleep", "lock", "condition", "monitor-enter", "object-wait", "queue-take",
                "queue-put", "future", "latch", "barrier", "phaser", "semaphore", "exchanger", "join", "park-other",
                "net-read", "net-write", "pinned-native", "file-io");
        assertEquals(reasons, List.copyOf(r.values().keySet()), r.describe());
        for (String reason : reasons) {
            assertEquals(2, r.longValue(reason), reason + "\n" + r.describe());
        }
        assertTrue(!r.stderr().contains("WARNING"), "the registry's JVM options should silence FFM warnings\n" + r.describe());
    }

    @Test
    void pingpongCountsEveryHandoff() throws Exception {
        ChildJvm.Result r = succeeded(ChildJvm.runSmall("pingpong"));
        assertEquals(2000, r.longValue("handoffs"), r.describe());
    }

    private static ChildJvm.Result succeeded(ChildJvm.Result r) {
        assertEquals(0, r.exitStatus(), r.describe());
        return r;
    }

    /** What worker-pool and thread-per-item must print for items 0..items-1, computed here. */
    private static String expectedChecksum(int items) {
        CpuWork work = new CpuWork();
        return Long.toHexString(IntStream.range(0, items).mapToLong(work::hashItem).sum());
    }
}
