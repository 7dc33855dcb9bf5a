package dev.vtrace.recorder;

import static org.junit.jupiter.api.Assertions.*;

import dev.vtrace.format.EventType;
import dev.vtrace.format.PinReason;
import dev.vtrace.recorder.RecordedTrace.Ev;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Workload} extras with the agent and JFR: pinned parks in a native upcall, pinned
 * Object.wait inside the VM (from the agent's JFR stream), file-I/O (fsync) compensation, the
 * annotation API, GC events; and the annotation API without the agent.
 */
class ExtrasIT {
    @TempDir
    static Path dir;

    static RecordedTrace trace;
    static List<RecordedEvent> jfr;
    static Map<Long, List<Ev>> byG;
    static Map<Long, String> names;

    @BeforeAll
    static void record() throws Exception {
        Path bin = dir.resolve("extras.bin");
        Path rec = dir.resolve("extras.jfr");
        List<String> jvm = List.of("-XX:StartFlightRecording:filename=" + rec + ",jdk.VirtualThreadPinned#threshold=0ms");
        var run = AgentRunner.run(AgentRunner.command("file=" + bin + ",stacks=block", jvm, "extras"), dir);
        assertEquals(0, run.exitCode(), () -> "exit code; stderr:\n" + run.stderr());
        assertFalse(run.stderr().contains("vtrace:"), () -> "agent complained:\n" + run.stderr());
        assertTrue(run.stdout().contains("annotations enabled: true"), run.stdout());
        trace = RecordedTrace.read(bin);
        jfr = RecordingFile.readAllEvents(rec);
        byG = trace.byG();
        names = trace.names();
    }

    private static List<Ev> of(String name) {
        for (var e : names.entrySet()) {
            if (e.getValue().equals(name)) {
                return byG.get(e.getKey());
            }
        }
        throw new AssertionError("no goroutine named " + name + " in " + names.values());
    }

    @Test
    void nativeUpcallSleepIsAPinnedBlockWithReasonNative() {
        for (int i = 0; i < Workload.NATIVE_SLEEPS; i++) {
            List<Ev> evs = of("nativesleep-" + i);
            List<Ev> pins = evs.stream().filter(e -> e.type() == EventType.GO_PINNED_BLOCK
                    || e.type() == EventType.GO_PINNED_UNBLOCK).toList();
            assertEquals(2, pins.size(), () -> "pinned events of nativesleep: " + evs);
            assertEquals(EventType.GO_PINNED_BLOCK, pins.get(0).type());
            assertEquals(PinReason.NATIVE.code(), pins.get(0).arg(1), "pin reason");
            assertEquals(EventType.GO_PINNED_UNBLOCK, pins.get(1).type());
            assertTrue(pins.get(1).ts() - pins.get(0).ts() >= 4_000_000L, "pinned for the 5 ms sleep");
            assertTrue(evs.stream().noneMatch(e -> e.type() == EventType.GO_BLOCK), "a pinned sleep does not unmount");
        }
    }

    @Test
    void pinnedObjectWaitInsideTheVmComesFromJfrOnce() {
        for (int i = 0; i < Workload.NATIVE_WAITS; i++) {
            List<Ev> evs = of("nativewait-" + i);
            List<Ev> pins = evs.stream().filter(e -> e.type() == EventType.GO_PINNED_BLOCK).toList();
            assertEquals(1, pins.size(), () -> "pinned blocks of nativewait: " + evs);
            assertEquals(PinReason.NATIVE.code(), pins.getFirst().arg(1), "pin reason of a wait in an upcall");
            // stacks=block: JFR's stack of the pinned wait, down to the workload's lambda
            var stack = trace.tables.stack(pins.getFirst().arg(2));
            assertNotNull(stack, "a stack for the in-VM pin");
            assertEquals("java.lang.Object", stack.top().className(), stack.toString());
            assertTrue(stack.frames().stream().anyMatch(f -> f.className().equals(Workload.class.getName())
                    && f.methodName().startsWith("lambda$extras$") && f.line() > 0), stack.toString());
            assertEquals(1, evs.stream().filter(e -> e.type() == EventType.GO_PINNED_UNBLOCK).count());
        }
    }

    @Test
    void jfrCountOfPinnedEventsEqualsVtraces() {
        long jfrPinned = jfr.stream().filter(e -> e.getEventType().getName().equals("jdk.VirtualThreadPinned")).count();
        assertTrue(jfrPinned >= Workload.NATIVE_SLEEPS + Workload.NATIVE_WAITS, "JFR pinned " + jfrPinned);
        assertEquals(jfrPinned, trace.count(EventType.GO_PINNED_BLOCK), "JFR VirtualThreadPinned vs GoPinnedBlock");
        assertEquals(trace.count(EventType.GO_PINNED_BLOCK), trace.count(EventType.GO_PINNED_UNBLOCK));
    }

    @Test
    void fileSyncsCompensateTheirCarrier() {
        long blocks = trace.count(EventType.PROC_BLOCK);
        assertTrue(blocks >= 1, "ProcBlock from fsync on virtual threads");
        assertEquals(blocks, trace.count(EventType.PROC_UNBLOCK), "every ProcBlock ends");
        // per P: block and unblock alternate
        Map<Long, Boolean> blocked = new HashMap<>();
        for (Ev e : trace.events) {
            if (e.type() == EventType.PROC_BLOCK) {
                assertNotEquals(Boolean.TRUE, blocked.put(e.arg(0), true), "ProcBlock twice on P" + e.arg(0));
            } else if (e.type() == EventType.PROC_UNBLOCK) {
                assertEquals(Boolean.TRUE, blocked.put(e.arg(0), false), "ProcUnblock without ProcBlock on P" + e.arg(0));
            }
        }
    }

    @Test
    void annotationsNestAndCarryTheirNames() {
        List<String> seq = new ArrayList<>();
        Map<Long, String> taskNames = new HashMap<>();
        for (Ev e : of("annotated")) {
            switch (e.type()) {
                case TASK_BEGIN -> {
                    String n = trace.tables.string(e.arg(3));
                    taskNames.put(e.arg(1), n);
                    seq.add("task " + n + " parent=" + (e.arg(2) == 0 ? "-" : taskNames.get(e.arg(2))));
                }
                case TASK_END -> seq.add("end " + taskNames.get(e.arg(1)));
                case REGION_BEGIN -> seq.add("region " + trace.tables.string(e.arg(2)) + " in " + taskNames.get(e.arg(1)));
                case REGION_END -> seq.add("/region " + trace.tables.string(e.arg(2)));
                case LOG -> seq.add("log " + trace.tables.string(e.arg(2)) + ":" + trace.tables.string(e.arg(3))
                        + " in " + taskNames.get(e.arg(1)));
                default -> {}
            }
        }
        assertEquals(List.of(
                "task order parent=-",
                "region validate in order",
                "log order:id=42 in order",
                "/region validate",
                "task payment parent=order",
                "log payment:ok in payment",
                "end payment",
                "end order"), seq);
    }

    @Test
    void systemGcShowsUpAsGcEvents() {
        assertTrue(trace.count(EventType.GC_BEGIN) >= 1, "GcBegin after System.gc()");
        assertEquals(trace.count(EventType.GC_BEGIN), trace.count(EventType.GC_END));
        assertTrue(trace.count(EventType.HEAP) >= 1, "heap after GC");
        assertTrue(trace.events.stream().filter(e -> e.type() == EventType.GC_BEGIN)
                .anyMatch(e -> trace.tables.string(e.arg(1)).contains("System.gc()")), "cause names System.gc()");
    }

    @Test
    void withoutTheAgentTheAnnotationApiIsANoOp() throws Exception {
        var run = AgentRunner.run(AgentRunner.command(null, List.of(), "extras"), dir);
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("annotations enabled: false"), run.stdout());
        assertTrue(run.stdout().contains("extras done"), run.stdout());
    }
}
