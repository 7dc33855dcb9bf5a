package dev.vtrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vtrace.format.EventType;
import dev.vtrace.format.reader.Event;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The merge against the order it promises, on traces where that order is hard to keep: many
 * threads writing runs of events in batches of random sizes, timestamps that tie across threads
 * all the time, and types of every causal rank. Expected: sorted by (ts, causal rank, M).
 */
class MergeOrderTest {
    @TempDir
    Path dir;

    /** Causal rank, as the merge documents it (OrderedStream, step 4). */
    private static int rank(EventType t) {
        return switch (t) {
            case GO_CREATE -> 1;
            case GO_SCHED -> 2;
            case GO_UNBLOCK -> 4;
            case GO_START -> 5;
            default -> throw new AssertionError(t);
        };
    }

    private record Written(long ts, EventType type, long m) {
        String line() {
            return ts + " " + type + " m" + m;
        }
    }

    @Test
    void runsAndTiesAcrossManyBatchesComeInTheDocumentedOrder() throws IOException {
        for (long seed = 1; seed <= 20; seed++) {
            Random rnd = new Random(seed);
            TraceBuilder b = new TraceBuilder();
            List<Written> written = new ArrayList<>();
            int ms = 2 + rnd.nextInt(9);
            long[] ts = new long[ms + 1];
            int[] sinceFlush = new int[ms + 1];
            for (int i = 0; i < 3000; i++) {
                // a run: one M writes several events in a row, a few ns apart (ties with the others)
                int m = 1 + rnd.nextInt(ms);
                int run = 1 + rnd.nextInt(rnd.nextBoolean() ? 3 : 40);
                for (int k = 0; k < run; k++) {
                    ts[m] += 1 + rnd.nextInt(rnd.nextInt(10) == 0 ? 500 : 3);
                    EventType type = switch (rnd.nextInt(4)) {
                        case 0 -> EventType.GO_CREATE;
                        case 1 -> EventType.GO_SCHED;
                        case 2 -> EventType.GO_UNBLOCK;
                        default -> EventType.GO_START;
                    };
                    long g = 1 + rnd.nextInt(50);
                    switch (type) {
                        case GO_CREATE -> b.create(m, ts[m], g, 1, 0, "t");
                        case GO_SCHED -> b.sched(m, ts[m], g);
                        case GO_UNBLOCK -> b.unblock(m, ts[m], g, 1, 0);
                        default -> b.start(m, ts[m], g, m);
                    }
                    written.add(new Written(ts[m], type, m));
                    if (++sinceFlush[m] >= 1 + rnd.nextInt(60)) {
                        b.flush(m);
                        sinceFlush[m] = 0;
                    }
                }
                // threads run at different speeds: let the laggards catch up now and then
                if (rnd.nextInt(50) == 0) {
                    long max = 0;
                    for (long t : ts) {
                        max = Math.max(max, t);
                    }
                    int lag = 1 + rnd.nextInt(ms);
                    ts[lag] = Math.max(ts[lag], max - rnd.nextInt(5));
                }
            }
            List<String> expected = written.stream()
                    .sorted(Comparator.comparingLong(Written::ts).thenComparingInt(w -> rank(w.type()))
                            .thenComparingLong(Written::m))
                    .map(Written::line).toList();
            List<String> got = new ArrayList<>();
            OrderedStream.run(b.write(dir), new TraceConsumer() {
                @Override
                public void onEvent(Event e) {
                    got.add(e.ts() + " " + e.type() + " m" + e.m());
                }
            });
            assertEquals(expected, got, "seed " + seed);
        }
    }
}
