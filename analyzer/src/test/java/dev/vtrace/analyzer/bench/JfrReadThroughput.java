package dev.vtrace.analyzer.bench;

import java.nio.file.Path;
import java.util.Locale;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * The JDK's own baseline: events/s of {@code jdk.jfr.consumer.RecordingFile} reading a JFR file
 * (every event parsed into a RecordedEvent, its type name and start time touched), ROUNDS times:
 * {@code java -cp ... dev.vtrace.analyzer.bench.JfrReadThroughput FILE.jfr [ROUNDS]}.
 */
public final class JfrReadThroughput {
    private JfrReadThroughput() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int r = 0; r < rounds; r++) {
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            long n = 0;
            long sink = 0;
            try (RecordingFile f = new RecordingFile(file)) {
                while (f.hasMoreEvents()) {
                    RecordedEvent e = f.readEvent();
                    sink += e.getEventType().getId() + e.getStartTime().getNano();
                    n++;
                }
            }
            long ns = System.nanoTime() - t0;
            long cpu = mx.getCurrentThreadCpuTime() - c0;
            System.out.printf(Locale.US, "RecordingFile %,d events in %.2f s (%.2f s CPU): %.2f M events/s wall, %.2f M events/CPU-s (%d)%n",
                    n, ns / 1e9, cpu / 1e9, n / (ns / 1e3), n / (cpu / 1e3), sink & 1);
        }
    }
}
