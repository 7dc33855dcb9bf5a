package dev.vtrace.analyzer.bench;

import dev.vtrace.analyzer.internal.EventMerger;
import dev.vtrace.analyzer.internal.MergedChunk;
import dev.vtrace.format.reader.BatchRef;
import dev.vtrace.format.reader.TraceIndex;
import dev.vtrace.format.reader.TraceReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The merge thread alone: {@link EventMerger} over a trace, its chunks drained by this thread
 * without a look at the events, so the other threads' CPU time is the merge's (reading,
 * inflating, decoding, merging; JIT and GC are quiet after the first round):
 * {@code java -cp ... dev.vtrace.analyzer.bench.MergeThroughput FILE [ROUNDS]}.
 */
public final class MergeThroughput {
    private MergeThroughput() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<BatchRef> batches;
        try (TraceReader r = TraceReader.open(file)) {
            batches = TraceIndex.build(r, false).batches();
        }
        long events = batches.stream().mapToLong(BatchRef::count).sum();
        var threads = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int round = 0; round < rounds; round++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long p0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            long words = 0;
            try (EventMerger merger = new EventMerger(file, batches)) {
                MergedChunk chunk;
                while ((chunk = merger.next()) != null) {
                    words += chunk.end();
                    merger.recycle(chunk);
                }
            }
            long wall = System.nanoTime() - t0;
            long mine = threads.getCurrentThreadCpuTime() - c0;
            long merge = os.getProcessCpuTime() - p0 - mine;
            System.out.printf(Locale.US, "merge %,d events (%,d records) in %.2f s: %.1f M events/s wall, "
                    + "merge thread %.1f ns/event, %.1f M events/CPU-s%n", events, words / 8, wall / 1e9,
                    events / (wall / 1e3), (double) merge / events, events / (merge / 1e3));
        }
    }
}
