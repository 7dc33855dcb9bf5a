package dev.vtrace.recorder.internal;

import static org.junit.jupiter.api.Assertions.*;

import dev.vtrace.format.writer.StackTable;
import dev.vtrace.format.writer.StringTable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Stack ids through the frame-identity cache equal the ids of the same frames' elements (what
 * round 2 interned on every walk), on the first capture and on cache hits, in both capture modes
 * (Throwable backtrace, StackWalker walk).
 */
class StackCacheTest {
    /** [id through Recorder.stackId, id of the elements of the same frames]. */
    private static long[] both() {
        long cached = Recorder.stackId(2); // skips stackId and both(): starts at the caller
        StackTraceElement[] expected = StackWalker.getInstance(StackWalker.Option.SHOW_REFLECT_FRAMES).walk(s -> s.skip(1)
                .limit(Options.MAX_STACK_FRAMES).map(StackWalker.StackFrame::toStackTraceElement)
                .toArray(StackTraceElement[]::new));
        return new long[] {cached, Recorder.stacks.id(expected)};
    }

    private static long[] deep(int d) {
        return d == 0 ? both() : deep(d - 1);
    }

    private static long[] call(java.util.function.Supplier<long[]> s) {
        return s.get();
    }

    @Test
    void backtraceIdsAreTheElementIds() {
        assertTrue(StackCache.BY_BACKTRACE, "the backtrace layout check passes on JDK 25");
        checkIds();
    }

    @Test
    void walkedIdsAreTheElementIds() {
        assertTrue(StackCache.BY_METHOD, "frames identified by the VM's method objects on JDK 25");
        StackCache.useBacktrace = false;
        try {
            checkIds();
        } finally {
            StackCache.useBacktrace = StackCache.BY_BACKTRACE;
        }
    }

    private static void checkIds() {
        StringTable strings = new StringTable();
        Recorder.init(Options.parse("stacks=block"), strings, new StackTable(strings));
        // two lambdas whose frames differ only in the method: same class, same bytecode index,
        // same callers
        List<java.util.function.Supplier<long[]>> sites = List.of(() -> both(), () -> both());
        List<Long> ids = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (var site : sites) {
                long[] r = call(site);
                assertEquals(r[1], r[0], "round " + round);
                if (round == 0) {
                    ids.add(r[0]);
                } else {
                    assertEquals(ids.get(sites.indexOf(site)), r[0], "a hit returns the same id");
                }
            }
            for (int d : new int[] {0, 5, 30, 31, 32, 33, 40, 70}) {
                long[] r = deep(d);
                assertEquals(r[1], r[0], "depth " + d + ", round " + round);
            }
        }
        assertNotEquals(ids.get(0), ids.get(1), "different methods, different stacks");
    }
}
