package dev.vtrace.analyzer.internal;

import dev.vtrace.analyzer.Report;

/**
 * A duration distribution being recorded: exact count, total, min and max beside a histogram in
 * HdrHistogram's layout (1 ns lowest unit, growing, 3 significant digits) for the percentiles.
 */
public final class Dist {
    private final LogLinearHistogram h = new LogLinearHistogram();
    private long count;
    private long total;
    private long min = Long.MAX_VALUE;
    private long max;

    /** Records one duration in ns (negative values, impossible in a sound stream, count as 0). */
    public void record(long ns) {
        long v = Math.max(0, ns);
        h.record(v);
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
        return Math.min(max, Math.max(min, h.valueAtPercentile(p)));
    }

    /** Counts in power-of-two buckets ([0,1), [1,2), [2,4), ... ns), empty ones at both ends left out. */
    public java.util.List<Report.Bucket> histogram() {
        java.util.List<Report.Bucket> out = new java.util.ArrayList<>();
        if (count == 0) {
            return out;
        }
        long from = 0;
        long to = 1;
        while (from <= max) {
            long c = h.countBetween(from, to - 1);
            if (c > 0 || !out.isEmpty()) {
                out.add(new Report.Bucket(from, to, c));
            }
            from = to;
            to = to >= Long.MAX_VALUE / 2 ? Long.MAX_VALUE : to * 2;
        }
        while (!out.isEmpty() && out.get(out.size() - 1).count() == 0) {
            out.remove(out.size() - 1);
        }
        return java.util.List.copyOf(out);
    }

    public Report.Distribution toDistribution() {
        if (count == 0) {
            return Report.Distribution.EMPTY;
        }
        return new Report.Distribution(count, total, min, pct(50), pct(90), pct(99), pct(99.9), max);
    }
}
