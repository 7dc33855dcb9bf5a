package dev.vtrace.analyzer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongFunction;

/**
 * The {@code limit} threads of a goroutine group with the most total time (ties: the lower id),
 * kept as copies of their figures: a thread that enters costs a copy of a few longs, and the
 * report's {@link Report.ThreadStats} (a name, a map per thread) are built once, at the end, for
 * the winners only. With thousands of short-lived threads whose totals grow through the trace,
 * nearly every ended thread enters, and building its breakdown then was ~8 % of the analysis.
 */
final class TopThreads {
    private static final int TOTAL = 0, ID = 1, NAME = 2, EXEC = 3, SCHED = 4, PINNED = 5, BLOCK = 6;

    private final int limit;
    private final int width;
    /** Per kept thread: total, id, name string id, execution, sched wait, pinned, blocked per reason. */
    private final long[][] kept;
    private int size;
    /** The kept thread that leaves first: least total, then highest id. */
    private int worst;

    TopThreads(int limit, int reasons) {
        this.limit = limit;
        this.width = BLOCK + reasons;
        this.kept = new long[limit][];
    }

    /** Whether a thread with this total and id would be kept. */
    boolean enters(long total, long id) {
        if (size < limit) {
            return true;
        }
        if (limit == 0) {
            return false;
        }
        long[] w = kept[worst];
        return total > w[TOTAL] || total == w[TOTAL] && id < w[ID];
    }

    /**
     * Keeps a thread (call after {@link #enters} said yes), in place of the one that leaves first;
     * {@code block} is its blocked time per reason.
     */
    void add(long total, long id, long name, long exec, long sched, long pinned, long[] block) {
        int i = size < limit ? size++ : worst;
        long[] w = kept[i];
        if (w == null) {
            w = kept[i] = new long[width];
        }
        w[TOTAL] = total;
        w[ID] = id;
        w[NAME] = name;
        w[EXEC] = exec;
        w[SCHED] = sched;
        w[PINNED] = pinned;
        System.arraycopy(block, 0, w, BLOCK, width - BLOCK);
        worst = 0;
        for (int j = 1; j < size; j++) {
            long[] a = kept[j];
            long[] b = kept[worst];
            if (a[TOTAL] < b[TOTAL] || a[TOTAL] == b[TOTAL] && a[ID] > b[ID]) {
                worst = j;
            }
        }
    }

    /** The kept threads, most total time first (ties: lower id first). */
    List<Report.ThreadStats> stats(LongFunction<String> names, Breakdown breakdown) {
        List<long[]> sorted = new ArrayList<>(Arrays.asList(kept).subList(0, size));
        sorted.sort((a, b) -> a[TOTAL] != b[TOTAL] ? Long.compare(b[TOTAL], a[TOTAL]) : Long.compare(a[ID], b[ID]));
        List<Report.ThreadStats> out = new ArrayList<>(size);
        for (long[] w : sorted) {
            out.add(new Report.ThreadStats(w[ID], names.apply(w[NAME]),
                    breakdown.of(w[EXEC], w[SCHED], Arrays.copyOfRange(w, BLOCK, width), w[PINNED])));
        }
        return List.copyOf(out);
    }

    /** Builds a thread's time breakdown from its figures. */
    interface Breakdown {
        Report.TimeBreakdown of(long exec, long sched, long[] block, long pinned);
    }
}
