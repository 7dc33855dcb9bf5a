package dev.vtrace.samples;

import java.util.Arrays;

/**
 * Exact nearest-rank percentiles of a small set of measurements. The samples measure at most a few
 * thousand values, so sorting them all is cheaper than explaining a histogram's precision.
 */
final class Percentiles {

    private final long[] sorted;

    private Percentiles(long[] sorted) {
        this.sorted = sorted;
    }

    /** The percentiles of {@code values} (not modified); there must be at least one value. */
    static Percentiles of(long[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        long[] copy = values.clone();
        Arrays.sort(copy);
        return new Percentiles(copy);
    }

    /** The smallest value that at least {@code percent} % of the values do not exceed. */
    long at(double percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }

    long min() {
        return sorted[0];
    }

    long max() {
        return sorted[sorted.length - 1];
    }
}
