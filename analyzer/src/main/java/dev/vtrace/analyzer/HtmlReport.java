package dev.vtrace.analyzer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTML report: one self-contained, well-formed XHTML page (inline CSS, inline SVG plots, no
 * script, no external font or image) with the numbers of the text report and three kinds of
 * plot: latency histograms, blocked time by reason, carrier utilization over time.
 */
final class HtmlReport {
    private static final String[] COLORS = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
        "#ff9da7", "#9c755f", "#bab0ac"};

    private final StringBuilder sb = new StringBuilder(64 << 10);

    private HtmlReport() {}

    static String render(Report r) {
        HtmlReport h = new HtmlReport();
        h.page(r);
        return h.sb.toString();
    }

    /** Escapes text for XML content and attribute values. */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        b.append(' ');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    private HtmlReport a(String s) {
        sb.append(s);
        return this;
    }

    private HtmlReport t(String text) {
        sb.append(esc(text));
        return this;
    }

    private static String dur(long ns) {
        return ReportWriter.dur(ns);
    }

    private static String num(long n) {
        return ReportWriter.num(n);
    }

    private static String pct(double share) {
        return ReportWriter.pct(share);
    }

    private static String f(double v) {
        return String.format(Locale.US, "%.1f", v);
    }

    private void page(Report r) {
        Report.Summary s = r.summary();
        a("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>");
        t("vtrace: " + s.source()).a("</title>\n<style>\n").a(CSS).a("</style>\n</head>\n<body>\n");
        a("<h1>").t(s.source()).a("</h1>\n<p class=\"summary\">");
        t(ReportWriter.summaryLine(r));
        a("</p>\n");
        List<String> warn = ReportWriter.warnings(s);
        if (!warn.isEmpty()) {
            a("<p class=\"warn\">").t(String.join("; ", warn)).a("</p>\n");
        }

        diagnoses(r);
        latency(r);
        reasons("Blocked (unmounted) by reason", r.blockReasons());
        Report.JdkInternal in = r.jdkInternal();
        if (in.threads() > 0) {
            a("<p class=\"note\">").t(String.format(Locale.US,
                    "JDK internal threads (not above, not leaks): %s (%s), %s blocks, %s blocked, %s waiting at the end",
                    num(in.threads()), String.join(", ", in.names()), num(in.blocks()), dur(in.blockedNs()),
                    num(in.waitingAtEnd()))).a("</p>\n");
        }
        reasons("Pinned (carrier held) by reason", r.pinReasons());
        goroutines(r);
        carriers(r);
        a("<p class=\"foot\">vtrace analyze · percentiles within 0.1% (HdrHistogram, 3 significant digits); count, max and mean exact</p>\n");
        a("</body>\n</html>\n");
    }

    private void diagnoses(Report r) {
        a("<h2>Diagnoses</h2>\n");
        if (r.diagnoses().isEmpty()) {
            a("<p>nothing stood out</p>\n");
        }
        for (Report.Diagnosis d : r.diagnoses()) {
            a("<div class=\"diag ").t(d.kind()).a("\"><p><b>[").t(d.kind()).a("]</b> ").t(d.title()).a("</p>\n<ul>\n");
            for (String e : d.evidence()) {
                a("<li>").t(e).a("</li>\n");
            }
            a("</ul>\n<p class=\"advice\">→ ").t(d.advice()).a("</p></div>\n");
        }
    }

    private void latency(Report r) {
        a("<h2>Latency</h2>\n<table>\n<tr><th></th><th>p50</th><th>p90</th><th>p99</th><th>p99.9</th><th>max</th><th>count</th><th>mean</th></tr>\n");
        row("create → start", r.createToStart().dist());
        row("wake → run", r.wakeToRun().dist());
        row("run slice", r.execution().dist());
        a("</table>\n<div class=\"plots\">\n");
        histogram("create → start", r.createToStart().histogram());
        histogram("wake → run", r.wakeToRun().histogram());
        histogram("run slice", r.execution().histogram());
        a("</div>\n");
        sites("creation sites, by total create → start", r.createToStart().topSites());
        sites("wake-up sites, by total wake → run", r.wakeToRun().topSites());
    }

    private void row(String name, Report.Distribution d) {
        a("<tr><td>").t(name).a("</td>");
        if (d.count() == 0) {
            a("<td colspan=\"7\">-</td></tr>\n");
            return;
        }
        for (String v : new String[] {dur(d.p50()), dur(d.p90()), dur(d.p99()), dur(d.p999()), dur(d.maxNs()), num(d.count()),
            dur(Math.round(d.meanNs()))}) {
            a("<td class=\"n\">").t(v).a("</td>");
        }
        a("</tr>\n");
    }

    /** A bar per power-of-two bucket, bar height proportional to the count. */
    private void histogram(String title, List<Report.Bucket> buckets) {
        if (buckets.isEmpty()) {
            return;
        }
        int w = 360;
        int h = 160;
        int left = 40;
        int bottom = 40;
        long maxCount = buckets.stream().mapToLong(Report.Bucket::count).max().orElse(1);
        double bw = (double) (w - left - 10) / buckets.size();
        a("<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w + "\" height=\"" + h + "\" viewBox=\"0 0 " + w + " " + h
                + "\" role=\"img\"><title>").t(title + " histogram").a("</title>\n");
        a("<line x1=\"" + left + "\" y1=\"" + (h - bottom) + "\" x2=\"" + (w - 10) + "\" y2=\"" + (h - bottom) + "\" class=\"axis\"/>\n");
        a("<text x=\"" + (left - 4) + "\" y=\"14\" class=\"lbl\" text-anchor=\"end\">").t(num(maxCount)).a("</text>\n");
        int labelEvery = Math.max(1, buckets.size() / 5);
        for (int i = 0; i < buckets.size(); i++) {
            Report.Bucket b = buckets.get(i);
            double bh = (double) (h - bottom - 10) * b.count() / maxCount;
            double x = left + i * bw;
            a("<rect x=\"" + f(x + 0.5) + "\" y=\"" + f(h - bottom - bh) + "\" width=\"" + f(Math.max(1, bw - 1)) + "\" height=\""
                    + f(bh) + "\" fill=\"" + COLORS[0] + "\"><title>").t(dur(b.fromNs()) + " to " + dur(b.toNs()) + ": "
                    + num(b.count())).a("</title></rect>\n");
            if (i % labelEvery == 0) {
                a("<text x=\"" + f(x) + "\" y=\"" + (h - bottom + 14) + "\" class=\"lbl\">").t(dur(b.fromNs())).a("</text>\n");
            }
        }
        a("</svg><figcaption>").t(title + " (count per power-of-two bucket)").a("</figcaption></figure>\n");
    }

    private void sites(String title, List<Report.Site> sites) {
        if (sites.isEmpty() || sites.size() == 1 && sites.get(0).site().equals("unknown")) {
            return;
        }
        a("<h3>").t(title).a("</h3>\n<table>\n<tr><th>total</th><th>max</th><th>count</th><th>site</th></tr>\n");
        for (Report.Site s : sites) {
            a("<tr><td class=\"n\">").t(dur(s.totalNs())).a("</td><td class=\"n\">").t(dur(s.maxNs())).a("</td><td class=\"n\">")
                    .t(num(s.count())).a("</td><td><code>").t(s.site()).a("</code></td></tr>\n");
        }
        a("</table>\n");
    }

    private void reasons(String title, List<Report.ReasonStats> rs) {
        if (rs.isEmpty()) {
            return;
        }
        a("<h2>").t(title).a("</h2>\n");
        // horizontal bars of total time
        int w = 640;
        int rowH = 18;
        int label = 140;
        int h = rs.size() * rowH + 10;
        long max = rs.stream().mapToLong(x -> x.dist().totalNs()).max().orElse(1);
        a("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w + "\" height=\"" + h + "\" viewBox=\"0 0 " + w + " " + h
                + "\" role=\"img\"><title>").t(title + ": total time").a("</title>\n");
        for (int i = 0; i < rs.size(); i++) {
            Report.ReasonStats x = rs.get(i);
            double bw = (double) (w - label - 120) * x.dist().totalNs() / Math.max(1, max);
            int y = 5 + i * rowH;
            a("<text x=\"" + (label - 6) + "\" y=\"" + (y + 13) + "\" class=\"lbl\" text-anchor=\"end\">").t(x.reason()).a("</text>\n");
            a("<rect x=\"" + label + "\" y=\"" + y + "\" width=\"" + f(Math.max(1, bw)) + "\" height=\"" + (rowH - 4) + "\" fill=\""
                    + COLORS[i % COLORS.length] + "\"/>\n");
            a("<text x=\"" + f(label + Math.max(1, bw) + 4) + "\" y=\"" + (y + 13) + "\" class=\"lbl\">")
                    .t(dur(x.dist().totalNs()) + " (" + pct(x.share()) + ")").a("</text>\n");
        }
        a("</svg>\n<table>\n<tr><th>reason</th><th>count</th><th>total</th><th>share</th><th>mean</th><th>p50</th><th>p99</th><th>max</th><th>top sites</th></tr>\n");
        for (Report.ReasonStats x : rs) {
            Report.Distribution d = x.dist();
            a("<tr><td>").t(x.reason()).a("</td>");
            for (String v : new String[] {num(d.count()), dur(d.totalNs()), pct(x.share()), dur(Math.round(d.meanNs())), dur(d.p50()),
                dur(d.p99()), dur(d.maxNs())}) {
                a("<td class=\"n\">").t(v).a("</td>");
            }
            a("<td>");
            for (Report.Site s : x.topSites()) {
                if (!s.site().equals("unknown") || x.topSites().size() > 1) {
                    a("<div><code>").t(s.site()).a("</code> ").t(dur(s.totalNs()) + ", " + num(s.count()) + "×").a("</div>");
                }
            }
            a("</td></tr>\n");
        }
        a("</table>\n");
    }

    private void goroutines(Report r) {
        if (r.goroutines().isEmpty()) {
            return;
        }
        a("<h2>").t("Goroutine analysis, by " + r.groupedBy()).a("</h2>\n<table>\n<tr><th>group</th><th>threads</th><th>execution</th>"
                + "<th>sched wait</th><th>blocked</th><th>pinned</th><th>blocked by reason</th></tr>\n");
        for (Report.GroupStats g : r.goroutines()) {
            Report.TimeBreakdown t = g.time();
            a("<tr><td><code>").t(g.startLocation()).a("</code></td>");
            for (String v : new String[] {num(g.count()), dur(t.executionNs()), dur(t.schedWaitNs()), dur(t.blockedNs()),
                dur(t.pinnedNs())}) {
                a("<td class=\"n\">").t(v).a("</td>");
            }
            a("<td>").t(byReason(t.blockNs())).a("</td></tr>\n");
            for (Report.ThreadStats th : g.topThreads()) {
                Report.TimeBreakdown x = th.time();
                a("<tr class=\"sub\"><td>").t("G" + th.g() + " " + (th.name().isEmpty() ? "-" : th.name())).a("</td><td></td>");
                for (String v : new String[] {dur(x.executionNs()), dur(x.schedWaitNs()), dur(x.blockedNs()), dur(x.pinnedNs())}) {
                    a("<td class=\"n\">").t(v).a("</td>");
                }
                a("<td>").t(byReason(x.blockNs())).a("</td></tr>\n");
            }
        }
        a("</table>\n");
    }

    private static String byReason(Map<String, Long> m) {
        List<String> parts = new ArrayList<>();
        m.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue(), x.getValue()))
                .forEach(e -> parts.add(e.getKey() + " " + dur(e.getValue())));
        return String.join(", ", parts);
    }

    private void carriers(Report r) {
        if (r.procs().isEmpty()) {
            return;
        }
        a("<h2>Carriers (P)</h2>\n");
        Report.CarrierTimeline tl = r.carrierTimeline();
        if (!tl.utilization().isEmpty()) {
            int w = 720;
            int lane = 34;
            int left = 50;
            List<Long> ps = tl.utilization().keySet().stream().sorted().toList();
            int h = ps.size() * lane + 24;
            a("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w + "\" height=\"" + h + "\" viewBox=\"0 0 " + w + " " + h
                    + "\" role=\"img\"><title>carrier utilization over time</title>\n");
            for (int i = 0; i < ps.size(); i++) {
                List<Double> u = tl.utilization().get(ps.get(i));
                int y0 = 4 + i * lane;
                a("<text x=\"" + (left - 6) + "\" y=\"" + (y0 + lane / 2 + 4) + "\" class=\"lbl\" text-anchor=\"end\">P" + ps.get(i) + "</text>\n");
                a("<rect x=\"" + left + "\" y=\"" + y0 + "\" width=\"" + (w - left - 10) + "\" height=\"" + (lane - 6) + "\" class=\"lane\"/>\n");
                StringBuilder pts = new StringBuilder();
                double dx = (double) (w - left - 10) / u.size();
                pts.append(f(left)).append(',').append(y0 + lane - 6).append(' ');
                for (int k = 0; k < u.size(); k++) {
                    double y = y0 + (lane - 6) * (1 - u.get(k));
                    pts.append(f(left + k * dx)).append(',').append(f(y)).append(' ');
                    pts.append(f(left + (k + 1) * dx)).append(',').append(f(y)).append(' ');
                }
                pts.append(f(w - 10)).append(',').append(y0 + lane - 6);
                a("<polygon points=\"" + pts + "\" fill=\"" + COLORS[i % COLORS.length] + "\" fill-opacity=\"0.8\"/>\n");
            }
            a("<text x=\"" + left + "\" y=\"" + (h - 4) + "\" class=\"lbl\">+0</text>\n");
            a("<text x=\"" + (w - 10) + "\" y=\"" + (h - 4) + "\" class=\"lbl\" text-anchor=\"end\">+").t(dur(tl.bucketNs() * 100))
                    .a("</text>\n</svg>\n<p class=\"note\">").t("share of each " + dur(tl.bucketNs()) + " a virtual thread was mounted, per carrier")
                    .a("</p>\n");
        }
        a("<table>\n<tr><th>P</th><th>utilization</th><th>busy</th><th>running</th><th>idle</th><th>blocked</th><th>carrier thread</th></tr>\n");
        for (Report.ProcStats p : r.procs()) {
            a("<tr><td>P" + p.p() + "</td>");
            for (String v : new String[] {pct(p.utilization()), dur(p.busyNs()), dur(p.runningNs()), dur(p.idleNs()), dur(p.blockedNs()),
                p.m() == 0 ? "?" : "M" + p.m()}) {
                a("<td class=\"n\">").t(v).a("</td>");
            }
            a("</tr>\n");
        }
        a("</table>\n");
    }

    private static final String CSS = """
            body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em; color: #222; max-width: 1100px; }
            h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 1.6em; border-bottom: 1px solid #ddd; }
            h3 { font-size: 1em; }
            table { border-collapse: collapse; margin: .5em 0; }
            th, td { padding: 2px 8px; border-bottom: 1px solid #eee; text-align: left; vertical-align: top; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            tr.sub td { color: #555; font-size: .92em; }
            code { font: 12px ui-monospace, monospace; }
            .warn { color: #a40; font-weight: bold; } .note, .foot { color: #666; }
            .diag { border-left: 4px solid #e15759; padding: 0 1em; margin: .8em 0; background: #fdf6f6; }
            .advice { color: #333; }
            .plots { display: flex; flex-wrap: wrap; gap: 1em; } figure { margin: 0; }
            figcaption { color: #666; font-size: .9em; }
            svg .lbl { font: 11px system-ui, sans-serif; fill: #444; }
            svg .axis { stroke: #999; } svg .lane { fill: #f3f3f3; }
            """;
}
