package dev.vtrace.analyzer.bench;

import dev.vtrace.analyzer.Analysis;
import dev.vtrace.analyzer.GTransition;
import dev.vtrace.analyzer.OrderedStream;
import dev.vtrace.analyzer.TraceConsumer;
import dev.vtrace.format.writer.SyntheticTrace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Events/s of one trace file, outside JMH (for profiling and big files):
 * {@code java -Xmx1g -cp ... dev.vtrace.analyzer.bench.AnalyzeThroughput FILE [EVENTS-TO-GENERATE] [ROUNDS]}.
 * Generates FILE with {@link SyntheticTrace} (8 carriers) when it does not exist, then times the ordered
 * stream alone and with {@link Analysis}, ROUNDS times each (default 5), printing each round:
 * wall time, CPU time of this (the analysing) thread, and CPU time of the whole process (which
 * adds the stream's merge thread, and the JIT and GC threads). {@code -Dmode=stream} or
 * {@code -Dmode=stats} runs only one of the two.
 */
public final class AnalyzeThroughput {
    private AnalyzeThroughput() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long events = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000L;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        if (!Files.exists(file)) {
            long t0 = System.nanoTime();
            events = SyntheticTrace.write(file, events, 8);
            System.out.printf(Locale.US, "generated %,d events, %,d bytes in %.1f s%n", events, Files.size(file),
                    (System.nanoTime() - t0) / 1e9);
        }
        String mode = System.getProperty("mode", "both");
        for (int r = 0; r < rounds; r++) {
            if (!mode.equals("stats")) {
                long[] n = new long[2];
                long c0 = cpu();
                long p0 = processCpu();
                long t0 = System.nanoTime();
                OrderedStream.run(file, new TraceConsumer() {
                    @Override
                    public void onEvent(dev.vtrace.format.reader.Event e) {
                        n[0]++;
                    }

                    @Override
                    public void onG(GTransition t) {
                        n[1]++;
                    }
                });
                report("stream", n[0], System.nanoTime() - t0, cpu() - c0, processCpu() - p0);
            }
            if (!mode.equals("stream")) {
                long c0 = cpu();
                long p0 = processCpu();
                long t0 = System.nanoTime();
                var rep = Analysis.run(file, Analysis.Options.defaults());
                report("stream+stats", rep.summary().events(), System.nanoTime() - t0, cpu() - c0, processCpu() - p0);
            }
        }
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.US, "heap: max %d MiB, used now %d MiB%n", rt.maxMemory() >> 20, (rt.totalMemory() - rt.freeMemory()) >> 20);
    }

    /** CPU time of this thread: the analysis is single-threaded, and CPU time stays honest on a busy machine. */
    private static long cpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** CPU time of all threads of this JVM. */
    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void report(String what, long events, long ns, long cpuNs, long processCpuNs) {
        System.out.printf(Locale.US, "%-13s %,d events in %.2f s (%.2f s CPU, process %.2f s): %.1f M events/s wall, "
                + "%.1f M events/process-CPU-s, %.1f M events/CPU-s%n", what, events, ns / 1e9, cpuNs / 1e9,
                processCpuNs / 1e9, events / (ns / 1e3), events / (processCpuNs / 1e3), events / (cpuNs / 1e3));
    }
}
