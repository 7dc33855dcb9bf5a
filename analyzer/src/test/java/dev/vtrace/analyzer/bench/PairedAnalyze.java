package dev.vtrace.analyzer.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Two (or more) builds of the analyzer side by side in one JVM, for A/B decisions on a shared
 * machine: {@code java -Xmx1g -cp TEST_CLASSES dev.vtrace.analyzer.bench.PairedAnalyze FILE ROUNDS
 * JAR DIR...}. Each DIR holds a build's {@code tf/} (trace-format) and {@code an/} (analyzer)
 * classes; each gets a class loader of its own (DIR first, then JAR for the dependencies), so
 * each build is compiled by the JIT on its own. Every round runs {@code Analysis.run} once per
 * build, the one to go first rotating, and the report gives per-build medians and the median of
 * the per-round ratios to the first build.
 *
 * <p>Why: on this 2-vCPU guest the host moves the speed of both our threads by a third within
 * seconds (a one-thread spin loop shows it), so JVMs run one after the other compare host phases
 * as much as code. Rounds of a pair run within a second of each other and share the phase. The
 * JIT still compiles each build once per JVM, and two compiles of the same code can differ by
 * ±10 %: run it in several JVMs, and list the first build twice to see that spread (A/A).
 */
public final class PairedAnalyze {
    private PairedAnalyze() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: PairedAnalyze FILE ROUNDS JAR DIR [DIR...]   (-Dskip=N warm-up rounds left out, default 5)");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        Path jar = Path.of(args[2]);
        int n = args.length - 3;
        int skip = Integer.getInteger("skip", 5);
        if (rounds <= skip) {
            throw new IllegalArgumentException("ROUNDS must be more than the " + skip + " warm-up rounds");
        }
        Method[] run = new Method[n];
        Object[] options = new Object[n];
        Method[] events = new Method[n];
        for (int i = 0; i < n; i++) {
            Path dir = Path.of(args[i + 3]);
            ClassLoader loader = new URLClassLoader(new URL[] {dir.resolve("tf").toUri().toURL(),
                dir.resolve("an").toUri().toURL(), jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Class<?> analysis = Class.forName("dev.vtrace.analyzer.Analysis", true, loader);
            Class<?> opts = Class.forName("dev.vtrace.analyzer.Analysis$Options", true, loader);
            options[i] = opts.getMethod("defaults").invoke(null);
            run[i] = analysis.getMethod("run", Path.class, opts);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[][] wall = new double[n][rounds];
        double[][] cpu = new double[n][rounds];
        long count = 0;
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < n; k++) {
                int i = (r + k) % n;
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                Object report = run[i].invoke(null, file, options[i]);
                long t = System.nanoTime() - t0;
                long c = threads.getCurrentThreadCpuTime() - c0;
                if (count == 0) {
                    Object summary = report.getClass().getMethod("summary").invoke(report);
                    count = (long) summary.getClass().getMethod("events").invoke(summary);
                }
                wall[i][r] = count * 1e3 / t;
                cpu[i][r] = count * 1e3 / c;
            }
        }
        System.out.printf(Locale.US, "%,d events per run, rounds %d..%d of %d (M events/s wall, M events/CPU-s of the analysing thread)%n",
                count, skip + 1, rounds, rounds);
        for (int i = 0; i < n; i++) {
            System.out.printf(Locale.US, "%-28s wall median %5.1f  thread median %5.1f%n", args[i + 3],
                    median(wall[i], skip), median(cpu[i], skip));
        }
        for (int i = 1; i < n; i++) {
            double[] rw = new double[rounds - skip];
            double[] rc = new double[rounds - skip];
            for (int r = skip; r < rounds; r++) {
                rw[r - skip] = wall[i][r] / wall[0][r];
                rc[r - skip] = cpu[i][r] / cpu[0][r];
            }
            System.out.printf(Locale.US, "%s / %s: wall ×%.3f, thread ×%.3f (medians of %d paired rounds)%n",
                    args[i + 3], args[3], median(rw, 0), median(rc, 0), rw.length);
        }
    }

    private static double median(double[] x, int skip) {
        double[] y = Arrays.copyOfRange(x, skip, x.length);
        Arrays.sort(y);
        int m = y.length / 2;
        return y.length % 2 == 1 ? y[m] : (y[m - 1] + y[m]) / 2;
    }
}
