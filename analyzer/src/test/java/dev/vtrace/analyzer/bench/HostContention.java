package dev.vtrace.analyzer.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * What the machine gives two busy threads, the analyzer's shape (a merge thread and an analysing
 * thread): a spin loop (multiply-add into a 512 KiB table) alone, then on two threads at once,
 * its rate per quarter second. On a dedicated 2-core machine both lines read the same; on a
 * shared guest the second shows what the host takes when both our vCPUs are busy:
 * {@code java -cp TEST_CLASSES dev.vtrace.analyzer.bench.HostContention [SECONDS]}.
 */
public final class HostContention {
    private HostContention() {}

    private static final long SLICE_NS = 250_000_000L;

    public static void main(String[] args) throws Exception {
        int slices = (args.length > 0 ? Integer.parseInt(args[0]) : 8) * 4;
        long[] alone = spin(slices);
        long[][] both = new long[2][];
        Thread other = Thread.ofPlatform().start(() -> both[1] = spin(slices));
        both[0] = spin(slices);
        other.join();
        print("one thread alone  ", alone);
        print("two threads, 1st  ", both[0]);
        print("two threads, 2nd  ", both[1]);
        double a = median(alone);
        System.out.printf(Locale.US, "each of two busy threads runs at ×%.2f of one alone (median; slowest quarter second ×%.2f)%n",
                (median(both[0]) + median(both[1])) / 2 / a,
                Math.min(Arrays.stream(both[0]).min().orElse(0), Arrays.stream(both[1]).min().orElse(0)) / a);
    }

    /** Loop passes per quarter second, {@code slices} times. */
    private static long[] spin(int slices) {
        long[] table = new long[1 << 16];
        long x = Thread.currentThread().threadId();
        long[] rate = new long[slices];
        for (int s = 0; s < slices; s++) {
            long t0 = System.nanoTime();
            long n = 0;
            while (System.nanoTime() - t0 < SLICE_NS) {
                for (int i = 0; i < 10_000; i++) {
                    x = x * 6364136223846793005L + 1442695040888963407L;
                    table[(int) (x >>> 48)] += x;
                }
                n++;
            }
            rate[s] = n;
        }
        if (table[1] == 42) {
            System.out.print(""); // keeps the table alive for the JIT
        }
        return rate;
    }

    private static void print(String what, long[] rate) {
        StringBuilder b = new StringBuilder(what);
        for (long r : rate) {
            b.append(' ').append(r);
        }
        System.out.println(b);
    }

    private static double median(long[] x) {
        long[] y = x.clone();
        Arrays.sort(y);
        return y.length % 2 == 1 ? y[y.length / 2] : (y[y.length / 2 - 1] + y[y.length / 2]) / 2.0;
    }
}
