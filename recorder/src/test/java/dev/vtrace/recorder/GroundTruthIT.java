package dev.vtrace.recorder;

import static org.junit.jupiter.api.Assertions.*;

import dev.vtrace.format.BlockReason;
import dev.vtrace.format.EventType;
import dev.vtrace.format.UnblockKind;
import dev.vtrace.recorder.RecordedTrace.Ev;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real JVM runs {@link Workload} ground with the agent and JFR; the trace must show exactly
 * the blocks the workload performed, with the right reasons, and agree with JFR's counts.
 */
class GroundTruthIT {
    @TempDir
    static Path dir;

    static AgentRunner.Run run;
    static RecordedTrace trace;
    static List<RecordedEvent> jfr;
    /** Goroutine → its events in order. */
    static Map<Long, List<Ev>> byG;
    static Map<Long, String> names;

    @BeforeAll
    static void record() throws Exception {
        Path bin = dir.resolve("ground.bin");
        Path rec = dir.resolve("ground.jfr");
        List<String> jvm = List.of("-XX:StartFlightRecording:filename=" + rec
                + ",jdk.VirtualThreadStart#enabled=true,jdk.VirtualThreadEnd#enabled=true"
                + ",jdk.ThreadSleep#threshold=0ms,jdk.JavaMonitorWait#threshold=0ms");
        run = AgentRunner.run(AgentRunner.command("file=" + bin + ",stacks=create", jvm, "ground", "3"), dir);
        assertEquals(3, run.exitCode(), () -> "exit code; stderr:\n" + run.stderr());
        assertFalse(run.stderr().contains("vtrace:"), () -> "agent complained:\n" + run.stderr());
        trace = RecordedTrace.read(bin);
        jfr = RecordingFile.readAllEvents(rec);
        byG = trace.byG();
        names = trace.names();
    }

    @Test
    void traceIsCompleteWithoutDropsOrErrors() {
        assertNotNull(trace.footer, "footer (System.exit must flush and finish the trace)");
        assertFalse(trace.truncated, "truncated");
        assertEquals(0, trace.footer.getEventsDropped(), "dropped events");
        assertEquals(trace.events.size(), trace.footer.getEventsWritten(), "footer event count vs read");
        assertEquals("exit", trace.footer.getEndReason());
    }

    @Test
    void everyCreatedThreadStartsAndEnds() {
        long created = trace.count(EventType.GO_CREATE);
        assertTrue(created >= Workload.SLEEPERS + Workload.LOCKERS, "created " + created);
        long stillBlocked = 0;
        for (var e : byG.entrySet()) {
            List<Ev> evs = e.getValue();
            String name = names.getOrDefault(e.getKey(), "");
            assertEquals(EventType.GO_CREATE, evs.getFirst().type(), () -> "first event of " + name + ": " + evs);
            if (name.startsWith("SubPoller-")) {
                // the JDK's own socket sub-pollers are daemon virtual threads parked at exit
                assertEquals(EventType.GO_BLOCK, evs.getLast().type(), () -> "last event of " + name);
                stillBlocked++;
            } else {
                assertEquals(EventType.GO_END, evs.getLast().type(), () -> "last event of " + name + ": " + evs);
            }
        }
        assertEquals(created - stillBlocked, trace.count(EventType.GO_END), "GoEnd vs GoCreate minus parked daemons");
    }

    @Test
    void jfrAgreesOnStartsEndsSleepsAndWaits() {
        long jfrStart = jfr.stream().filter(e -> e.getEventType().getName().equals("jdk.VirtualThreadStart")).count();
        long jfrEnd = jfr.stream().filter(e -> e.getEventType().getName().equals("jdk.VirtualThreadEnd")).count();
        long jfrSleep = jfr.stream().filter(e -> e.getEventType().getName().equals("jdk.ThreadSleep")
                && e.getThread() != null && e.getThread().isVirtual()).count();
        // Only the workload's waiters: the JDK's SubPoller-0 does one Object.wait while pinned,
        // which vtrace records as GoPinnedBlock from its JFR stream (ExtrasIT checks those).
        long jfrWait = jfr.stream().filter(e -> e.getEventType().getName().equals("jdk.JavaMonitorWait")
                && e.getThread() != null && e.getThread().isVirtual()
                && e.getThread().getJavaName().startsWith("wait-")).count();
        assertEquals(jfrStart, trace.count(EventType.GO_CREATE), "JFR VirtualThreadStart vs GoCreate");
        assertEquals(jfrEnd, trace.count(EventType.GO_END), "JFR VirtualThreadEnd vs GoEnd");
        assertEquals(jfrSleep, blocks(BlockReason.SLEEP), "JFR ThreadSleep (virtual) vs GoBlock(sleep)");
        assertEquals(jfrWait, blocks(BlockReason.OBJECT_WAIT), "JFR JavaMonitorWait (virtual) vs GoBlock(Object.wait)");
    }

    @Test
    void eachGroupBlocksForItsReason() {
        Map<String, List<BlockReason>> want = new TreeMap<>();
        want.put("sleep", List.of(BlockReason.SLEEP));
        want.put("lock", List.of(BlockReason.LOCK));
        want.put("monitor", List.of(BlockReason.MONITOR_ENTER));
        want.put("sqtake", List.of(BlockReason.QUEUE_TAKE));
        want.put("lbqtake", List.of(BlockReason.QUEUE_TAKE));
        want.put("abqput", List.of(BlockReason.QUEUE_PUT));
        want.put("latch", List.of(BlockReason.LATCH));
        want.put("semaphore", List.of(BlockReason.SEMAPHORE));
        want.put("future", List.of(BlockReason.FUTURE));
        want.put("barrier", List.of(BlockReason.BARRIER));
        want.put("exchanger", List.of(BlockReason.EXCHANGER));
        want.put("phaser", List.of(BlockReason.PHASER));
        want.put("condition", List.of(BlockReason.CONDITION));
        want.put("join", List.of(BlockReason.JOIN));
        want.put("jointarget", List.of(BlockReason.SLEEP));
        want.put("netread", List.of(BlockReason.NET_READ));
        want.put("holder", List.of(BlockReason.LATCH));
        Map<String, Integer> seen = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (var e : byG.entrySet()) {
            String name = names.getOrDefault(e.getKey(), "");
            String group = name.contains("-") ? name.substring(0, name.lastIndexOf('-')) : name;
            List<BlockReason> got = e.getValue().stream().filter(x -> x.type() == EventType.GO_BLOCK)
                    .map(x -> BlockReason.byCode(x.arg(1))).toList();
            if (group.equals("wait")) {
                // Object.wait, then possibly a monitor re-enter while the notifier still holds it
                boolean ok = !got.isEmpty() && got.getFirst() == BlockReason.OBJECT_WAIT
                        && got.stream().skip(1).allMatch(r -> r == BlockReason.MONITOR_ENTER) && got.size() <= 2;
                if (!ok) {
                    wrong.add(name + " " + got);
                }
                seen.merge(group, 1, Integer::sum);
                continue;
            }
            List<BlockReason> w = want.get(group);
            if (w == null) {
                continue;
            }
            seen.merge(group, 1, Integer::sum);
            if (!got.equals(w)) {
                wrong.add(name + ": got " + got + ", want " + w);
            }
        }
        assertEquals(List.of(), wrong, "threads whose blocks differ from the ground truth");
        assertEquals(Workload.SLEEPERS, seen.get("sleep"));
        assertEquals(Workload.LOCKERS, seen.get("lock"));
        assertEquals(Workload.WAITERS, seen.get("wait"));
        assertEquals(Workload.MONITORS, seen.get("monitor"));
        assertEquals(Workload.READERS, seen.get("netread"));
        assertEquals(2, seen.get("future"));
    }

    @Test
    void yieldsAreGoSched() {
        long yields = byG.entrySet().stream()
                .filter(e -> names.getOrDefault(e.getKey(), "").startsWith("yield-"))
                .mapToLong(e -> e.getValue().stream().filter(x -> x.type() == EventType.GO_SCHED).count())
                .sum();
        assertEquals(Workload.YIELDERS, yields);
    }

    @Test
    void everyBlockIsFollowedByOneUnblockThenAStart() {
        List<String> bad = new ArrayList<>();
        for (var e : byG.entrySet()) {
            List<Ev> evs = e.getValue();
            for (int i = 0; i < evs.size(); i++) {
                EventType t = evs.get(i).type();
                if (t == EventType.GO_BLOCK && i == evs.size() - 1) {
                    continue; // still blocked when the JVM exited
                }
                if (t == EventType.GO_BLOCK) {
                    if (i + 2 >= evs.size() || evs.get(i + 1).type() != EventType.GO_UNBLOCK
                            || evs.get(i + 2).type() != EventType.GO_START) {
                        bad.add(names.get(e.getKey()) + " " + evs.subList(i, Math.min(evs.size(), i + 3)));
                    }
                }
                if (t == EventType.GO_SCHED && (i + 1 >= evs.size() || evs.get(i + 1).type() != EventType.GO_START)) {
                    bad.add(names.get(e.getKey()) + " sched not followed by start");
                }
            }
        }
        assertEquals(List.of(), bad, "impossible transitions");
    }

    @Test
    void unblockKindsAndWakers() {
        for (var e : byG.entrySet()) {
            String name = names.getOrDefault(e.getKey(), "");
            for (Ev u : e.getValue()) {
                if (u.type() != EventType.GO_UNBLOCK) {
                    continue;
                }
                UnblockKind k = UnblockKind.byCode(u.arg(2));
                if (name.startsWith("sleep-")) {
                    assertEquals(UnblockKind.TIMEOUT, k, name);
                } else if (name.startsWith("monitor-")) {
                    assertEquals(UnblockKind.MONITOR, k, name);
                } else if (name.startsWith("lock-")) {
                    assertTrue(k == UnblockKind.UNPARK || k == UnblockKind.SELF, name + " " + k);
                    if (k == UnblockKind.UNPARK) {
                        assertNotEquals(0, u.arg(1), "waker of " + name);
                    }
                }
            }
        }
    }

    @Test
    void createCarriesCreatorAndStack() {
        Ev c = trace.events.stream().filter(e -> e.type() == EventType.GO_CREATE).findFirst().orElseThrow();
        assertNotEquals(0, c.arg(1), "creator");
        assertNotEquals(0, c.arg(2), "stack id with stacks=create");
        var st = trace.tables.stack(c.arg(2));
        assertNotNull(st);
        assertTrue(st.frames().stream().anyMatch(f -> f.className().endsWith("Workload")),
                () -> "creation stack should reach Workload: " + st);
    }

    @Test
    void carriersHaveDenseProcIds() {
        long maxP = trace.events.stream().filter(e -> e.type() == EventType.GO_START).mapToLong(e -> e.arg(1)).max().orElse(0);
        long distinct = trace.events.stream().filter(e -> e.type() == EventType.GO_START).mapToLong(e -> e.arg(1)).distinct().count();
        assertTrue(maxP >= 1 && maxP <= 256, "max P " + maxP);
        assertTrue(distinct >= 1, "P ids used");
        assertTrue(trace.count(EventType.PROC_STOP) > 0, "carriers went idle at least once");
    }

    private static long blocks(BlockReason r) {
        return trace.events.stream().filter(e -> e.type() == EventType.GO_BLOCK && e.arg(1) == r.code()).count();
    }
}
