package dev.vtrace.analyzer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints a {@link Report}: as text for a person (percentiles first, aligned tables, Locale.US)
 * or as JSON for a program (schema "vtrace.analyze/1", documented in docs/analyzer.md; fields are
 * only ever added). Output order is deterministic.
 */
public final class ReportWriter {
    /** The JSON schema identifier; bumped only for incompatible changes. */
    public static final String SCHEMA = "vtrace.analyze/1";

    private ReportWriter() {}

    /** A duration for people, 3 significant digits: "850 ns", "12.3 µs", "1.50 ms", "2.00 s". */
    public static String dur(long ns) {
        if (ns < 0) {
            return "-" + dur(-ns);
        }
        if (ns < 1_000) {
            return ns + " ns";
        }
        double v;
        String unit;
        if (ns < 1_000_000) {
            v = ns / 1e3;
            unit = " µs";
        } else if (ns < 1_000_000_000) {
            v = ns / 1e6;
            unit = " ms";
        } else {
            v = ns / 1e9;
            unit = " s";
        }
        String f = v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.US, f, v) + unit;
    }

    static String num(long n) {
        return String.format(Locale.US, "%,d", n);
    }

    static String pct(double share) {
        return String.format(Locale.US, "%.1f%%", share * 100);
    }

    // ------------------------------------------------------------------ text

    /** Writes the text report. */
    /** The one-line summary both the text and the HTML report lead with (without the source). */
    static String summaryLine(Report r) {
        Report.Summary s = r.summary();
        return String.format(Locale.US, "%s, %s events, %s threads seen (%s created, %s ended, %s alive at the end),"
                + " %d carriers, %s GCs (%s paused)", dur(s.spanNs()), num(s.events()), num(s.threadsSeen()),
                num(s.threadsCreated()), num(s.threadsEnded()), num(s.threadsAliveAtEnd()), r.procs().size(),
                num(s.gcCount()), dur(s.gcPauseNs()));
    }

    /** What makes the numbers less than the whole truth: cut short, drops, damage, misfits. */
    static List<String> warnings(Report.Summary s) {
        List<String> warn = new ArrayList<>();
        if (!s.complete()) {
            warn.add("recording cut short (no footer)");
        }
        if (s.droppedEvents() > 0) {
            warn.add(num(s.droppedEvents()) + " events dropped by the recorder");
        }
        if (!s.damage().isEmpty()) {
            warn.add(s.damage().size() + " damaged place(s)");
        }
        if (s.problems() > 0) {
            warn.add(num(s.problems()) + " events did not fit (see Diagnoses)");
        }
        return warn;
    }

    public static void text(Report r, Appendable out) {
        StringBuilder sb = new StringBuilder();
        Report.Summary s = r.summary();
        sb.append(s.source()).append(": ").append(summaryLine(r)).append('\n');
        List<String> warn = warnings(s);
        if (!warn.isEmpty()) {
            sb.append("  ! ").append(String.join("; ", warn)).append('\n');
        }

        sb.append("\nLatency            p50       p90       p99     p99.9       max     count      mean\n");
        latencyRow(sb, "create → start", r.createToStart().dist());
        latencyRow(sb, "wake → run", r.wakeToRun().dist());
        latencyRow(sb, "run slice", r.execution().dist());
        sb.append("  (percentiles within 0.1% — HdrHistogram, 3 significant digits; count, max and mean exact)\n");
        sites(sb, "creation sites, by total create → start", r.createToStart().topSites());
        sites(sb, "wake-up sites, by total wake → run", r.wakeToRun().topSites());

        reasons(sb, "Blocked (unmounted) by reason", r.blockReasons());
        Report.JdkInternal in = r.jdkInternal();
        if (in.threads() > 0) {
            sb.append(String.format(Locale.US, "  JDK internal threads (not above, not leaks): %s (%s), %s blocks, %s blocked, %s waiting at the end%n",
                    num(in.threads()), String.join(", ", in.names()), num(in.blocks()), dur(in.blockedNs()), num(in.waitingAtEnd())));
        }
        reasons(sb, "Pinned (carrier held) by reason", r.pinReasons());

        if (!r.goroutines().isEmpty()) {
            int w = Math.max(30, Math.min(72, r.goroutines().stream().mapToInt(g -> g.startLocation().length()).max().orElse(0)));
            String title = "Goroutine analysis, by " + r.groupedBy();
            sb.append(String.format(Locale.US, "%n%-" + (w + 2) + "s %9s  %10s  %10s  %10s  %10s%n", title, "threads", "execution", "sched wait", "blocked", "pinned"));
            for (Report.GroupStats g : r.goroutines()) {
                Report.TimeBreakdown t = g.time();
                sb.append(String.format(Locale.US, "  %-" + w + "s %9s  %10s  %10s  %10s  %10s%n", clip(g.startLocation(), w),
                        num(g.count()), dur(t.executionNs()), dur(t.schedWaitNs()), dur(t.blockedNs()), dur(t.pinnedNs())));
                if (!t.blockNs().isEmpty()) {
                    sb.append("      blocked: ").append(byReason(t.blockNs())).append('\n');
                }
                for (Report.ThreadStats th : g.topThreads()) {
                    Report.TimeBreakdown x = th.time();
                    sb.append(String.format(Locale.US, "      G%-10d %-20s exec %s, sched wait %s, blocked %s%s, pinned %s%n", th.g(),
                            clip(th.name().isEmpty() ? "-" : th.name(), 20), dur(x.executionNs()), dur(x.schedWaitNs()),
                            dur(x.blockedNs()), x.blockNs().isEmpty() ? "" : " (" + byReason(x.blockNs()) + ")",
                            dur(x.pinnedNs())));
                }
            }
        }

        if (!r.procs().isEmpty()) {
            sb.append("\nCarriers (P)   utilization        busy     running        idle     blocked   carrier thread\n");
            for (Report.ProcStats p : r.procs()) {
                sb.append(String.format(Locale.US, "  P%-12d %11s  %10s  %10s  %10s  %10s   %s%n", p.p(), pct(p.utilization()),
                        dur(p.busyNs()), dur(p.runningNs()), dur(p.idleNs()), dur(p.blockedNs()), p.m() == 0 ? "?" : "M" + p.m()));
            }
        }

        sb.append("\nDiagnoses\n");
        if (r.diagnoses().isEmpty()) {
            sb.append("  nothing stood out\n");
        }
        for (Report.Diagnosis d : r.diagnoses()) {
            sb.append("  [").append(d.kind()).append("] ").append(d.title()).append('\n');
            for (String e : d.evidence()) {
                sb.append("      ").append(e).append('\n');
            }
            sb.append("    → ").append(d.advice()).append('\n');
        }
        try {
            out.append(sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String clip(String s, int w) {
        return s.length() <= w ? s : "…" + s.substring(s.length() - w + 1);
    }

    private static String byReason(Map<String, Long> m) {
        List<String> parts = new ArrayList<>();
        m.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> parts.add(e.getKey() + " " + dur(e.getValue())));
        return String.join(", ", parts);
    }

    private static void latencyRow(StringBuilder sb, String name, Report.Distribution d) {
        if (d.count() == 0) {
            sb.append(String.format(Locale.US, "  %-14s %9s%n", name, "-"));
            return;
        }
        sb.append(String.format(Locale.US, "  %-14s %9s %9s %9s %9s %9s %9s %9s%n", name, dur(d.p50()), dur(d.p90()),
                dur(d.p99()), dur(d.p999()), dur(d.maxNs()), num(d.count()), dur(Math.round(d.meanNs()))));
    }

    private static void sites(StringBuilder sb, String title, List<Report.Site> sites) {
        if (sites.isEmpty() || sites.size() == 1 && sites.get(0).site().equals("unknown")) {
            return;
        }
        sb.append("  ").append(title).append(":\n");
        for (Report.Site s : sites) {
            sb.append(String.format(Locale.US, "    %9s total, %9s max, %7s×  %s%n", dur(s.totalNs()), dur(s.maxNs()),
                    num(s.count()), s.site()));
        }
    }

    private static void reasons(StringBuilder sb, String title, List<Report.ReasonStats> rs) {
        if (rs.isEmpty()) {
            return;
        }
        sb.append('\n').append(String.format(Locale.US, "%-32s %8s %10s %7s %9s %9s %9s %9s%n", title, "count", "total",
                "share", "mean", "p50", "p99", "max"));
        for (Report.ReasonStats r : rs) {
            Report.Distribution d = r.dist();
            sb.append(String.format(Locale.US, "  %-30s %8s %10s %7s %9s %9s %9s %9s%n", r.reason(), num(d.count()),
                    dur(d.totalNs()), pct(r.share()), dur(Math.round(d.meanNs())), dur(d.p50()), dur(d.p99()), dur(d.maxNs())));
            for (Report.Site s : r.topSites()) {
                if (!s.site().equals("unknown") || r.topSites().size() > 1) {
                    sb.append(String.format(Locale.US, "      %9s %7s×  %s%n", dur(s.totalNs()), num(s.count()), s.site()));
                }
            }
        }
    }

    // ------------------------------------------------------------------ HTML

    /**
     * Writes the HTML report: one self-contained, well-formed XHTML page (inline CSS and SVG, no
     * script, no external resource) with the numbers of the text report and plots of the latency
     * histograms, blocked time by reason and carrier utilization over time.
     */
    public static void html(Report r, Appendable out) {
        try {
            out.append(HtmlReport.render(r));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ JSON

    /** Writes the JSON report (one object, schema {@link #SCHEMA}). */
    public static void json(Report r, Appendable out) {
        Json j = new Json();
        j.open('{');
        j.field("schema").str(SCHEMA);
        Report.Summary s = r.summary();
        j.field("summary").open('{');
        j.field("source").str(s.source());
        j.field("startTs").num(s.startTs());
        j.field("endTs").num(s.endTs());
        j.field("spanNs").num(s.spanNs());
        j.field("events").num(s.events());
        j.field("threadsCreated").num(s.threadsCreated());
        j.field("threadsEnded").num(s.threadsEnded());
        j.field("threadsAliveAtEnd").num(s.threadsAliveAtEnd());
        j.field("threadsSeen").num(s.threadsSeen());
        j.field("gcCount").num(s.gcCount());
        j.field("gcPauseNs").num(s.gcPauseNs());
        j.field("droppedEvents").num(s.droppedEvents());
        j.field("complete").bool(s.complete());
        j.field("damage").strings(s.damage());
        j.field("problems").num(s.problems());
        j.field("problemExamples").strings(s.problemExamples());
        j.close('}');
        j.field("groupedBy").str(r.groupedBy());
        Report.JdkInternal in = r.jdkInternal();
        j.field("jdkInternal").open('{');
        j.field("threads").num(in.threads());
        j.field("names").strings(in.names());
        j.field("blocks").num(in.blocks());
        j.field("blockedNs").num(in.blockedNs());
        j.field("waitingAtEnd").num(in.waitingAtEnd());
        j.close('}');
        j.field("latency").open('{');
        latency(j, "createToStart", r.createToStart());
        latency(j, "wakeToRun", r.wakeToRun());
        latency(j, "execution", r.execution());
        j.close('}');
        reasons(j, "blockReasons", r.blockReasons());
        reasons(j, "pinReasons", r.pinReasons());
        j.field("goroutines").open('[');
        for (Report.GroupStats g : r.goroutines()) {
            j.elem().open('{');
            j.field("startLocation").str(g.startLocation());
            j.field("count").num(g.count());
            time(j, g.time());
            j.field("topThreads").open('[');
            for (Report.ThreadStats t : g.topThreads()) {
                j.elem().open('{');
                j.field("g").num(t.g());
                j.field("name").str(t.name());
                time(j, t.time());
                j.close('}');
            }
            j.close(']');
            j.close('}');
        }
        j.close(']');
        j.field("procs").open('[');
        for (Report.ProcStats p : r.procs()) {
            j.elem().open('{');
            j.field("p").num(p.p());
            j.field("m").num(p.m());
            j.field("busyNs").num(p.busyNs());
            j.field("runningNs").num(p.runningNs());
            j.field("idleNs").num(p.idleNs());
            j.field("blockedNs").num(p.blockedNs());
            j.field("utilization").dbl(p.utilization());
            j.close('}');
        }
        j.close(']');
        j.field("diagnoses").open('[');
        for (Report.Diagnosis d : r.diagnoses()) {
            j.elem().open('{');
            j.field("kind").str(d.kind());
            j.field("title").str(d.title());
            j.field("evidence").strings(d.evidence());
            j.field("advice").str(d.advice());
            j.close('}');
        }
        j.close(']');
        Report.CarrierTimeline tl = r.carrierTimeline();
        j.field("carrierTimeline").open('{');
        j.field("startTs").num(tl.startTs());
        j.field("bucketNs").num(tl.bucketNs());
        j.field("utilization").open('[');
        for (Map.Entry<Long, List<Double>> e : new java.util.TreeMap<>(tl.utilization()).entrySet()) {
            j.elem().open('{');
            j.field("p").num(e.getKey());
            j.field("values").open('[');
            for (double v : e.getValue()) {
                j.elem().dbl(v);
            }
            j.close(']');
            j.close('}');
        }
        j.close(']');
        j.close('}');
        j.close('}');
        j.sb.append('\n');
        try {
            out.append(j.sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void dist(Json j, Report.Distribution d) {
        j.field("count").num(d.count());
        j.field("totalNs").num(d.totalNs());
        j.field("meanNs").dbl(d.meanNs());
        j.field("minNs").num(d.minNs());
        j.field("p50Ns").num(d.p50());
        j.field("p90Ns").num(d.p90());
        j.field("p99Ns").num(d.p99());
        j.field("p999Ns").num(d.p999());
        j.field("maxNs").num(d.maxNs());
    }

    private static void sites(Json j, List<Report.Site> sites) {
        j.field("topSites").open('[');
        for (Report.Site s : sites) {
            j.elem().open('{');
            j.field("site").str(s.site());
            j.field("count").num(s.count());
            j.field("totalNs").num(s.totalNs());
            j.field("maxNs").num(s.maxNs());
            j.close('}');
        }
        j.close(']');
    }

    private static void latency(Json j, String name, Report.Latency l) {
        j.field(name).open('{');
        dist(j, l.dist());
        sites(j, l.topSites());
        j.field("histogram").open('[');
        for (Report.Bucket b : l.histogram()) {
            j.elem().open('{');
            j.field("fromNs").num(b.fromNs());
            j.field("toNs").num(b.toNs());
            j.field("count").num(b.count());
            j.close('}');
        }
        j.close(']');
        j.close('}');
    }

    private static void reasons(Json j, String name, List<Report.ReasonStats> rs) {
        j.field(name).open('[');
        for (Report.ReasonStats r : rs) {
            j.elem().open('{');
            j.field("reason").str(r.reason());
            dist(j, r.dist());
            j.field("share").dbl(r.share());
            sites(j, r.topSites());
            j.close('}');
        }
        j.close(']');
    }

    private static void time(Json j, Report.TimeBreakdown t) {
        j.field("executionNs").num(t.executionNs());
        j.field("schedWaitNs").num(t.schedWaitNs());
        j.field("blockedNs").num(t.blockedNs());
        j.field("pinnedNs").num(t.pinnedNs());
        j.field("blockNsByReason").open('{');
        t.blockNs().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> j.field(e.getKey()).num(e.getValue()));
        j.close('}');
    }

    /** A minimal JSON emitter: two-space indentation, fields in call order. */
    static final class Json {
        final StringBuilder sb = new StringBuilder();
        private int depth;
        private boolean first = true;

        Json open(char c) {
            sb.append(c);
            depth++;
            first = true;
            return this;
        }

        Json close(char c) {
            depth--;
            if (!first) {
                nl();
            }
            sb.append(c);
            first = false;
            return this;
        }

        private void nl() {
            sb.append('\n');
            sb.append("  ".repeat(depth));
        }

        Json elem() {
            if (!first) {
                sb.append(',');
            }
            nl();
            first = false;
            return this;
        }

        Json field(String name) {
            elem();
            quote(name);
            sb.append(": ");
            return this;
        }

        Json str(String s) {
            quote(s);
            return this;
        }

        Json num(long v) {
            sb.append(v);
            return this;
        }

        Json dbl(double v) {
            sb.append(Double.isFinite(v) ? String.format(Locale.US, "%.6g", v).replaceFirst("\\.?0+(e|$)", "$1") : "0");
            return this;
        }

        Json bool(boolean v) {
            sb.append(v);
            return this;
        }

        Json strings(List<String> xs) {
            open('[');
            for (String x : xs) {
                elem().str(x);
            }
            return close(']');
        }

        private void quote(String s) {
            JsonText.quote(sb, s);
        }
    }
}
