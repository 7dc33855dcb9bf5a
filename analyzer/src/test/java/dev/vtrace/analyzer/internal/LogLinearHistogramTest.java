package dev.vtrace.analyzer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The report's percentiles and histogram buckets must stay those HdrHistogram gave before. */
class LogLinearHistogramTest {
    private static final double[] PERCENTILES = {0, 0.1, 1, 10, 25, 50, 90, 99, 99.9, 99.99, 100};

    @Test
    void percentilesAndRangeCountsAreHdrHistograms() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int round = 0; round < 300; round++) {
            Histogram ref = new Histogram(3);
            ref.setAutoResize(true);
            LogLinearHistogram h = new LogLinearHistogram();
            int n = 1 + rnd.nextInt(round < 100 ? 10 : 5_000);
            // a mix of scales: exact small values, microseconds, seconds, and extremes
            int scale = rnd.nextInt(5);
            for (int i = 0; i < n; i++) {
                long v = switch (scale) {
                    case 0 -> rnd.nextLong(3_000);
                    case 1 -> rnd.nextLong(1, 50_000_000);
                    case 2 -> (long) Math.exp(rnd.nextDouble(0, 40));
                    case 3 -> rnd.nextInt(4) == 0 ? Long.MAX_VALUE / 4 : rnd.nextLong(2_000, 2_100);
                    default -> 1L << rnd.nextInt(62);
                };
                ref.recordValue(v);
                h.record(v);
            }
            assertEquals(ref.getTotalCount(), h.totalCount());
            for (double p : PERCENTILES) {
                assertEquals(ref.getValueAtPercentile(p), h.valueAtPercentile(p), "p" + p + " of round " + round);
            }
            for (long from = 0, to = 1; from <= ref.getMaxValue(); from = to, to = to >= Long.MAX_VALUE / 2 ? Long.MAX_VALUE : to * 2) {
                assertEquals(ref.getCountBetweenValues(from, to - 1), h.countBetween(from, to - 1), "[" + from + ", " + to + ")");
            }
        }
    }

    @Test
    void emptyHistogramAnswersZero() {
        LogLinearHistogram h = new LogLinearHistogram();
        assertEquals(0, h.valueAtPercentile(50));
        assertEquals(0, h.countBetween(0, Long.MAX_VALUE - 1));
    }
}
