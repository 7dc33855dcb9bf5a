package dev.vtrace.analyzer.internal;

import java.util.Arrays;

/**
 * Counts of non-negative values in HdrHistogram's bucket layout at 3 significant digits and a
 * 1 ns unit (2,048 sub-buckets, each power-of-two bucket twice as wide as the one before), with
 * HdrHistogram 2.2.2's percentile and range-count rules: {@link #valueAtPercentile} and
 * {@link #countBetween} return what {@code org.HdrHistogram.Histogram(3)} returns for the same
 * values (the test compares them).
 *
 * <p>Why not HdrHistogram itself: its {@code recordValue} is a chain of calls with a bounds
 * exception handler, volatile min/max fields and a total count the caller already keeps; on the
 * analyzer's hot path (one sample per transition) that was ~10 % of the time. Here a record is
 * an index computation and one increment. Not thread-safe.
 */
public final class LogLinearHistogram {
    /** log2 of half the sub-buckets: 2,048 sub-buckets hold 3 significant digits (2 × 10³ ≤ 2¹¹). */
    private static final int HALF_MAGNITUDE = 10;
    private static final int HALF_COUNT = 1 << HALF_MAGNITUDE;
    private static final long SUB_MASK = (2L << HALF_MAGNITUDE) - 1;
    /** 64 − unit magnitude (0) − HALF_MAGNITUDE − 1. */
    private static final int LEADING_ZERO_BASE = 64 - HALF_MAGNITUDE - 1;

    /** Counts per index, grown to the highest index recorded. */
    private long[] counts = new long[2 * HALF_COUNT];
    private long total;

    /** Records {@code v} once; {@code v} must be ≥ 0. */
    public void record(long v) {
        int i = index(v);
        long[] c = counts;
        if (i >= c.length) {
            c = counts = Arrays.copyOf(c, Math.max(i + 1, c.length + (c.length >> 1)));
        }
        c[i]++;
        total++;
    }

    public long totalCount() {
        return total;
    }

    static int bucket(long v) {
        return LEADING_ZERO_BASE - Long.numberOfLeadingZeros(v | SUB_MASK);
    }

    static int index(long v) {
        int b = bucket(v);
        int sub = (int) (v >>> b);
        return ((b + 1) << HALF_MAGNITUDE) + sub - HALF_COUNT;
    }

    private static long valueFromIndex(int i) {
        int b = (i >> HALF_MAGNITUDE) - 1;
        int sub = (i & (HALF_COUNT - 1)) + HALF_COUNT;
        if (b < 0) {
            sub -= HALF_COUNT;
            b = 0;
        }
        return (long) sub << b;
    }

    private static long lowestEquivalent(long v) {
        int b = bucket(v);
        return (v >>> b) << b;
    }

    private static long highestEquivalent(long v) {
        return lowestEquivalent(v) + (1L << bucket(v)) - 1;
    }

    /**
     * The value at percentile {@code p} (0–100), HdrHistogram's way: the highest value equivalent
     * to the first index where the running count reaches ⌈p × total / 100⌉ (at least 1), with p
     * nudged down by one ulp first; the lowest equivalent value for p = 0; 0 when empty.
     */
    public long valueAtPercentile(double p) {
        double requested = Math.min(Math.max(Math.nextAfter(p, Double.NEGATIVE_INFINITY), 0), 100.0);
        long countAt = Math.max((long) Math.ceil(requested * total / 100.0), 1);
        long running = 0;
        for (int i = 0; i < counts.length; i++) {
            running += counts[i];
            if (running >= countAt) {
                long v = valueFromIndex(i);
                return p == 0.0 ? lowestEquivalent(v) : highestEquivalent(v);
            }
        }
        return 0;
    }

    /** Counts of the indexes from that of {@code low} to that of {@code high}, both included. */
    public long countBetween(long low, long high) {
        int from = Math.max(0, index(low));
        int to = Math.min(index(high), counts.length - 1);
        long n = 0;
        for (int i = from; i <= to; i++) {
            n += counts[i];
        }
        return n;
    }
}
