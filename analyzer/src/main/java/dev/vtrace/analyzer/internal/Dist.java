package dev.vtrace.analyzer.internal;

import dev.vtrace.analyzer.Report;
import org.HdrHistogram.Histogram;

/**
 * A duration distribution being recorded: exact count, total, min and max beside an
 * HdrHistogram (1 ns lowest unit, auto-resizing, 3 significant digits) for the percentiles.
 */
public final class Dist {
    private final Histogram h = new Histogram(3);
    private long count;
    private long total;
    private long min = Long.MAX_VALUE;
    private long max;

    public Dist() {
        h.setAutoResize(true);
    }

    /** Records one duration in ns (negative values, impossible in a sound stream, count as 0). */
    public void record(long ns) {
        long v = Math.max(0, ns);
        h.recordValue(v);
        count++;
        total += v;
        min = Math.min(min, v);
        max = Math.max(max, v);
    }

    public long count() {
        return count;
    }

    public long total() {
        return total;
    }

    private long pct(double p) {
        return Math.min(max, Math.max(min, h.getValueAtPercentile(p)));
    }

    public Report.Distribution toDistribution() {
        if (count == 0) {
            return Report.Distribution.EMPTY;
        }
        return new Report.Distribution(count, total, min, pct(50), pct(90), pct(99), pct(99.9), max);
    }
}
