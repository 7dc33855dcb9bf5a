package dev.vtrace.export;

import dev.vtrace.analyzer.GState;
import dev.vtrace.analyzer.GTransition;
import dev.vtrace.analyzer.TraceConsumer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A pre-pass for {@code --max-threads}: sums each virtual thread's running time (RUNNING and
 * PINNED) over the whole stream, then names the N busiest. Run it on the trace first (a second
 * pass that writes nothing and is cheaper than the export), then export with
 * {@link ExportOptions#withKeepThreads(Set)}: {@code exporter options.withKeepThreads(pre.top(n))}.
 * Two passes keep the export streaming: a single pass would have to hold every thread's events
 * until it knows which threads are busiest. Memory: one map entry per thread of the trace.
 */
public final class BusiestThreads implements TraceConsumer {
    private final Map<Long, long[]> busy = new HashMap<>();

    @Override
    public void onG(GTransition t) {
        long[] b = busy.computeIfAbsent(t.g, k -> new long[1]);
        if (t.from == GState.RUNNING || t.from == GState.PINNED) {
            b[0] += t.ts - t.fromTs;
        }
    }

    @Override
    public void aliveAtEnd(GTransition t) {
        onG(t);
    }

    /** Running ns of thread {@code g} (0 if never seen). */
    public long runningNs(long g) {
        long[] b = busy.get(g);
        return b == null ? 0 : b[0];
    }

    /** The {@code n} threads with the most running time (ties: lower id first). */
    public Set<Long> top(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("max threads must be >= 0, got " + n);
        }
        List<Map.Entry<Long, long[]>> all = new ArrayList<>(busy.entrySet());
        all.sort((a, b) -> a.getValue()[0] != b.getValue()[0]
                ? Long.compare(b.getValue()[0], a.getValue()[0])
                : Long.compare(a.getKey(), b.getKey()));
        return all.stream().limit(n).map(Map.Entry::getKey).collect(Collectors.toUnmodifiableSet());
    }
}
