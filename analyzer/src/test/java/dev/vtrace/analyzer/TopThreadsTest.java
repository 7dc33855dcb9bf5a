package dev.vtrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TopThreadsTest {
    /** Against a full sort: most total time first, ties to the lower id, whatever the arrival order. */
    @Test
    void keepsTheLimitBestByTotalThenLowerId() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int round = 0; round < 200; round++) {
            int limit = rnd.nextInt(0, 8);
            int threads = rnd.nextInt(0, 60);
            TopThreads top = new TopThreads(limit, 2);
            List<long[]> all = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                long id = rnd.nextLong(1, 1_000_000);
                long exec = rnd.nextInt(4) * 10L; // few distinct totals: many ties
                long block = rnd.nextInt(3) * 10L;
                long total = exec + block;
                all.add(new long[] {id, total, exec, block});
                if (top.enters(total, id)) {
                    top.add(total, id, 0, exec, 0, 0, new long[] {block, 0});
                }
            }
            all.sort(Comparator.comparingLong((long[] a) -> -a[1]).thenComparingLong(a -> a[0]));
            List<Report.ThreadStats> kept = top.stats(id -> "t", (exec, sched, block, pinned) ->
                    new Report.TimeBreakdown(exec, sched, block[0] + block[1], java.util.Map.of(), pinned));
            assertEquals(Math.min(limit, threads), kept.size(), "round " + round);
            for (int i = 0; i < kept.size(); i++) {
                assertEquals(all.get(i)[0], kept.get(i).g(), "round " + round + ", place " + i);
                assertEquals(all.get(i)[1], kept.get(i).time().totalNs(), "round " + round + ", place " + i);
            }
        }
    }
}
