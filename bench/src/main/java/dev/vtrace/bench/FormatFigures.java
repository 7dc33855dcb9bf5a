package dev.vtrace.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Prints bytes per event of the realistic mix, raw and deflated, and the deflate writer's
 * throughput, measured side by side in one run.
 * Run: {@code java -cp bench/target/benchmarks.jar dev.vtrace.bench.FormatFigures}.
 */
public final class FormatFigures {
    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 5_000_000;
        Path raw = Files.createTempFile("vtrace-raw", ".bin");
        Path def = Files.createTempFile("vtrace-deflate", ".bin");
        try {
            for (int round = 0; round < 3; round++) { // the last round counts; the first ones warm up
                long t0 = System.nanoTime();
                long n = ReaderBench.writeTrace(raw, false, events);
                long t1 = System.nanoTime();
                ReaderBench.writeTrace(def, true, events);
                long t2 = System.nanoTime();
                long rawBytes = Files.size(raw);
                long defBytes = Files.size(def);
                if (round == 2) {
                    System.out.printf(Locale.US, "events                 %,d%n", n);
                    System.out.printf(Locale.US, "bytes/event raw        %.2f%n", rawBytes / (double) n);
                    System.out.printf(Locale.US, "bytes/event deflate-1  %.2f (ratio %.2fx)%n",
                            defBytes / (double) n, rawBytes / (double) defBytes);
                    System.out.printf(Locale.US, "write raw              %.0f MB/s of trace%n",
                            rawBytes / 1e6 / ((t1 - t0) / 1e9));
                    System.out.printf(Locale.US, "write deflate-1        %.0f MB/s of uncompressed trace (%.2fx the raw writer's time)%n",
                            rawBytes / 1e6 / ((t2 - t1) / 1e9), (t2 - t1) / (double) (t1 - t0));
                }
            }
        } finally {
            Files.deleteIfExists(raw);
            Files.deleteIfExists(def);
        }
    }
}
