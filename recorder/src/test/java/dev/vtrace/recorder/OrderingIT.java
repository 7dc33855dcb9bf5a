package dev.vtrace.recorder;

import static org.junit.jupiter.api.Assertions.*;

import dev.vtrace.format.EventType;
import dev.vtrace.recorder.RecordedTrace.Ev;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Heavy scheduling with the agent (ping-pong pairs and a park/unpark ring at once): merged by
 * timestamp, every goroutine's events must be a legal walk of Go's state machine. A violation
 * means a hook is misplaced or stamps its time after the action another thread can observe.
 */
class OrderingIT {
    @TempDir
    Path dir;

    enum St { NOT_EXIST, RUNNABLE, RUNNING, WAITING, PINNED }

    @Test
    void noImpossibleTransitionUnderHeavyLoad() throws Exception {
        Path bin = dir.resolve("heavy.bin");
        // a small buffer cap and a short flush interval exercise hand-offs and partial copies
        var run = AgentRunner.run(AgentRunner.command("file=" + bin + ",flush=50ms", List.of(), "heavy", "4", "20000"), dir);
        assertEquals(0, run.exitCode(), run.stderr());
        RecordedTrace t = RecordedTrace.read(bin);
        assertNotNull(t.footer);
        assertEquals(0, t.footer.getEventsDropped(), "dropped");
        assertTrue(t.count(EventType.GO_BLOCK) > 50_000, "blocks: " + t.count(EventType.GO_BLOCK));

        // per goroutine, in merged order: time, then (across threads) cause before effect (docs/format.md)
        Map<Long, List<int[]>> byG = new HashMap<>();
        List<Ev> evs = t.events;
        for (int i = 0; i < evs.size(); i++) {
            Ev e = evs.get(i);
            if (e.type().firstArgIsG()) {
                byG.computeIfAbsent(e.g(), k -> new ArrayList<>()).add(new int[] {i});
            }
        }
        List<String> bad = new ArrayList<>();
        for (var entry : byG.entrySet()) {
            List<Ev> mine = new ArrayList<>();
            for (int[] i : entry.getValue()) {
                mine.add(evs.get(i[0]));
            }
            mine.sort((a, b) -> a.ts() != b.ts() ? Long.compare(a.ts(), b.ts())
                    : a.m() == b.m() ? 0 : Integer.compare(rank(a.type()), rank(b.type())));
            if (mine.getFirst().type() != EventType.GO_CREATE) {
                continue; // not a virtual thread created while recording (the main thread, carriers)
            }
            St s = St.NOT_EXIST;
            for (Ev e : mine) {
                St next = step(s, e.type());
                if (next == null) {
                    bad.add("g" + entry.getKey() + ": " + e.type() + " in state " + s + " at " + e.ts());
                    break;
                }
                s = next;
            }
        }
        assertEquals(List.of(), bad.size() > 20 ? bad.subList(0, 20) : bad, bad.size() + " goroutines with an impossible transition");
    }

    /** Tie order at equal timestamps across threads: create, block, unblock, start, the rest. */
    private static int rank(EventType t) {
        return switch (t) {
            case GO_CREATE -> 0;
            case GO_BLOCK, GO_SCHED, GO_PINNED_BLOCK -> 1;
            case GO_UNBLOCK -> 2;
            case GO_START -> 3;
            default -> 4;
        };
    }

    /** Go's reader model; null when {@code t} is impossible in {@code s}. */
    private static St step(St s, EventType t) {
        return switch (t) {
            case GO_CREATE -> s == St.NOT_EXIST ? St.RUNNABLE : null;
            case GO_START -> s == St.RUNNABLE ? St.RUNNING : null;
            case GO_BLOCK -> s == St.RUNNING ? St.WAITING : null;
            case GO_SCHED -> s == St.RUNNING ? St.RUNNABLE : null;
            case GO_UNBLOCK -> s == St.WAITING ? St.RUNNABLE : null;
            case GO_END -> s == St.RUNNING ? St.NOT_EXIST : null;
            case GO_PINNED_BLOCK -> s == St.RUNNING ? St.PINNED : null;
            case GO_PINNED_UNBLOCK -> s == St.PINNED ? St.RUNNING : null;
            default -> s == St.RUNNING || s == St.PINNED ? s : null; // annotations run on a running thread
        };
    }
}
