package dev.vtrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtrace.format.BlockReason;
import dev.vtrace.format.PinReason;
import dev.vtrace.format.UnblockKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One synthetic trace with every duration known to the ns (times in ns, the trace starts at 0
 * and ends at 20,000 by its footer):
 *
 * <pre>
 * M1/P1: G1 runs from before the trace; creates G10, G11 at 1,000; blocks on a lock at 2,000;
 *        G11 runs 3,000-4,500, wakes G1 at 4,000; G1 runs 5,000 to the end; creates G12 (never
 *        started) at 6,000.
 * M2/P2: G10 runs 1,500-2,500, sleeps (woken by the timer at 12,500), runs 13,000-14,000 with a
 *        pinned native block 13,100-13,600; G40 (alive before the trace) runs 7,000-8,000 then
 *        waits on a queue to the end. P2 idle 2,600-6,900, 8,100-12,900, 14,100-20,000.
 * M3: GC 9,000-9,300 (250 ns pause); the timer's unblock of G10.
 * </pre>
 */
class AnalysisTest {
    @TempDir
    Path dir;

    static final String SPAWN = "com.example.Server.spawn(Server.java:10)";
    static final String LEAK = "com.example.Consumer.loop(Consumer.java:33)";

    Path trace() {
        TraceBuilder b = new TraceBuilder();
        long create = b.stack("java.lang.Thread.start:1", "com.example.Server.spawn:10", "com.example.Server.main:5");
        long lock = b.stack("java.util.concurrent.locks.ReentrantLock.lock:1", "com.example.Cache.get:20");
        long sleep = b.stack("java.lang.Thread.sleep:1", "com.example.Worker.pause:7");
        long leak = b.stack("java.util.concurrent.LinkedBlockingQueue.take:1", "com.example.Consumer.loop:33");
        long pin = b.stack("com.example.Native.call:3");
        b.procStart(1, 0, 1)
                .create(1, 1_000, 10, 1, create, "worker-10")
                .create(1, 1_000, 11, 1, create, "worker-11")
                .block(1, 2_000, 1, BlockReason.LOCK.code(), lock)
                .start(1, 3_000, 11, 1)
                .unblock(1, 4_000, 1, 11, UnblockKind.UNPARK.code())
                .end(1, 4_500, 11)
                .start(1, 5_000, 1, 1)
                .create(1, 6_000, 12, 1, create, "worker-12");
        b.procStart(2, 0, 2)
                .start(2, 1_500, 10, 2)
                .block(2, 2_500, 10, BlockReason.SLEEP.code(), sleep)
                .procStop(2, 2_600, 2)
                .procStart(2, 6_900, 2)
                .start(2, 7_000, 40, 2)
                .block(2, 8_000, 40, BlockReason.QUEUE_TAKE.code(), leak)
                .procStop(2, 8_100, 2)
                .procStart(2, 12_900, 2)
                .start(2, 13_000, 10, 2)
                .pinnedBlock(2, 13_100, 10, PinReason.NATIVE.code(), pin)
                .pinnedUnblock(2, 13_600, 10)
                .end(2, 14_000, 10)
                .procStop(2, 14_100, 2);
        b.gc(3, 9_000, 9_300, 1, 250).unblock(3, 12_500, 10, 3, UnblockKind.TIMEOUT.code());
        b.endAt(20_000);
        return b.write(dir);
    }

    static Analysis.Options opts() {
        Analysis.Options d = Analysis.Options.defaults();
        return new Analysis.Options(0, Long.MAX_VALUE, null, 10_000, d.churnNs(), 1_000, 5);
    }

    static void dist(String what, Report.Distribution got, long count, long total, long min, long p50, long max) {
        assertEquals(List.of(count, total, min, p50, max), List.of(got.count(), got.totalNs(), got.minNs(), got.p50(), got.maxNs()),
                what + ": count, total, min, p50, max");
    }

    @Test
    void reproducesKnownDurationsExactly() throws IOException {
        Report r = Analysis.run(trace(), opts());
        Report.Summary s = r.summary();
        assertEquals(List.of(0L, 20_000L, 3L, 2L, 3L, 5L, 1L, 250L, 0L),
                List.of(s.startTs(), s.endTs(), s.threadsCreated(), s.threadsEnded(), s.threadsAliveAtEnd(), s.threadsSeen(),
                        s.gcCount(), s.gcPauseNs(), s.problems()),
                "start, end, created, ended, alive at end, seen, GCs, pause, problems: " + s.problemExamples());
        dist("create → start", r.createToStart().dist(), 2, 2_500, 500, 500, 2_000);
        assertEquals(2_000, r.createToStart().dist().p99(), "create → start p99");
        assertEquals(List.of(new Report.Site(SPAWN, 2, 2_500, 2_000)), r.createToStart().topSites(), "creation sites");
        dist("wake → run", r.wakeToRun().dist(), 2, 1_500, 500, 500, 1_000);
        dist("run slices", r.execution().dist(), 5, 4_000, 100, 1_000, 1_500);

        assertEquals(List.of("sleep", "lock"), r.blockReasons().stream().map(Report.ReasonStats::reason).toList(), "block reasons");
        dist("sleep", r.blockReasons().get(0).dist(), 1, 10_000, 10_000, 10_000, 10_000);
        assertEquals(10_000.0 / 12_000, r.blockReasons().get(0).share(), 1e-12, "sleep share");
        assertEquals(List.of(new Report.Site("com.example.Worker.pause(Worker.java:7)", 1, 10_000, 10_000)),
                r.blockReasons().get(0).topSites(), "sleep sites");
        dist("lock", r.blockReasons().get(1).dist(), 1, 2_000, 2_000, 2_000, 2_000);
        assertEquals(1, r.pinReasons().size(), "pin reasons");
        dist("pinned native", r.pinReasons().get(0).dist(), 1, 500, 500, 500, 500);

        Map<String, Report.GroupStats> groups = new java.util.HashMap<>();
        r.goroutines().forEach(g -> groups.put(g.startLocation(), g));
        Report.GroupStats spawn = groups.get(SPAWN);
        assertEquals(new Report.TimeBreakdown(3_000, 17_000, 10_000, Map.of("sleep", 10_000L), 500), spawn.time(), "spawn group");
        assertEquals(3, spawn.count(), "spawn group threads");
        assertEquals(List.of(12L, 10L, 11L), spawn.topThreads().stream().map(Report.ThreadStats::g).toList(),
                "spawn group threads by total time");
        assertEquals(new Report.ThreadStats(10, "worker-10", new Report.TimeBreakdown(1_500, 1_000, 10_000,
                Map.of("sleep", 10_000L), 500)), spawn.topThreads().get(1), "G10");
        Report.GroupStats unknown = groups.get("unknown");
        assertEquals(new Report.TimeBreakdown(18_000, 8_000, 14_000, Map.of("lock", 2_000L, "queue take", 12_000L), 0),
                unknown.time(), "threads alive at the start");
        assertEquals(new Report.ThreadStats(1, "", new Report.TimeBreakdown(17_000, 1_000, 2_000, Map.of("lock", 2_000L), 0)),
                unknown.topThreads().get(0), "G1, alive at both ends");

        assertEquals(List.of(new Report.ProcStats(1, 1, 18_500, 20_000, 0, 0, 0.925),
                new Report.ProcStats(2, 2, 3_000, 5_000, 15_000, 0, 0.15)), r.procs(), "carriers");
    }

    @Test
    void diagnosesCarryTheirEvidence() throws IOException {
        Report r = Analysis.run(trace(), opts());
        Map<String, Report.Diagnosis> ds = new java.util.HashMap<>();
        r.diagnoses().forEach(d -> ds.put(d.kind(), d));
        assertEquals(List.of("starvation", "pinning", "idle-carriers", "leak"), r.diagnoses().stream().map(Report.Diagnosis::kind).toList(),
                "diagnoses");
        assertEquals(List.of("1 blocked on queue take at " + LEAK + " for 12.0 µs (G40)"), ds.get("leak").evidence(),
                "leak evidence");
        assertEquals("G1 ran 15.0 µs without unmounting from +5.00 µs while 1.0 other threads on average were runnable; start location: unknown",
                String.join("\n", ds.get("starvation").evidence()), "starvation evidence");
        assertEquals(List.of("longest: 5.90 µs from +14.1 µs, up to 1 runnable threads and 1 idle carriers",
                "in all: 13.0 µs with both idle carriers and runnable threads, 13.0 µs carrier-time lost"),
                ds.get("idle-carriers").evidence(), "idle carrier evidence");
        assertTrue(ds.get("pinning").evidence().get(1).contains("com.example.Native.call(Native.java:3)"),
                "pinning site: " + ds.get("pinning").evidence());
    }

    @Test
    void windowAndFilter() throws IOException {
        Report r = Analysis.run(trace(), opts().window(5_000, 14_000));
        assertEquals(List.of(5_000L, 14_000L), List.of(r.summary().startTs(), r.summary().endTs()), "window");
        assertEquals(0, r.createToStart().dist().count(), "no start in the window follows a create");
        dist("wake → run in the window", r.wakeToRun().dist(), 2, 1_500, 500, 500, 1_000);
        Report.GroupStats unknown = r.goroutines().stream().filter(g -> g.startLocation().equals("unknown")).findFirst().orElseThrow();
        assertEquals(new Report.TimeBreakdown(9_000 + 1_000, 2_000, 6_000, Map.of("queue take", 6_000L), 0), unknown.time(),
                "G1 and G40 clipped to [5,000, 14,000]");

        Report f = Analysis.run(trace(), opts().filter("Server"));
        assertEquals(List.of(SPAWN), f.goroutines().stream().map(Report.GroupStats::startLocation).toList(), "filtered groups");
        assertEquals(3, f.summary().threadsSeen(), "filtered threads");
        assertEquals(List.of("sleep"), f.blockReasons().stream().map(Report.ReasonStats::reason).toList(), "filtered reasons");
    }

    @Test
    void reportsRender() throws IOException {
        Path t = trace();
        java.nio.file.Files.copy(t, Path.of("target/sample-trace.bin"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Report r = Analysis.run(t, opts());
        StringBuilder text = new StringBuilder();
        ReportWriter.text(r, text);
        assertTrue(text.toString().contains("create → start"), text.toString());
        java.nio.file.Files.writeString(Path.of("target/sample-report.txt"), text);
        StringBuilder json = new StringBuilder();
        ReportWriter.json(r, json);
        java.nio.file.Files.writeString(Path.of("target/sample-report.json"), json);
        assertTrue(json.toString().startsWith("{\n  \"schema\": \"vtrace.analyze/1\","), json.toString());
        assertTrue(json.toString().contains("\"p99Ns\": 2000"), json.toString());
    }

    /**
     * No stacks: groups by thread name with digits folded; the JDK's pollers (SubPoller-N) stay in
     * the goroutine table but out of the block reasons and leaks; leaks grouped by reason, blocker
     * and name key, longest total wait first. Trace ends at 10,000.
     *
     * <pre>
     * net-write-1, net-write-2 (G21, G22): run 0-100, block on a socket write 100-600 (woken), end at 700.
     * SubPoller-0 (G30): runs 0-50, parks at 50 to the end (9,950 ns).
     * reply-waiter-1..3 (G41-G43): run, wait on SynchronousQueue from 200, 300, 400 to the end.
     * stuck-7 (G50): waits on a ReentrantLock from 1,000 to the end.
     * G60 (no name): runs 0-10, ends.
     * </pre>
     */
    @Test
    void withoutStacksGroupsByNameAndSetsJdkThreadsApart() throws IOException {
        TraceBuilder b = new TraceBuilder(); // each thread on its own M and P
        for (long g : new long[] {21, 22}) {
            b.procStart(g, 0, g).create(g, 0, g, 0, 0, "net-write-" + (g - 20)).start(g, 0, g, g)
                    .block(g, 100, g, BlockReason.NET_WRITE.code(), 0, "sun.nio.ch.SocketChannelImpl")
                    .unblock(g, 600, g, 0, UnblockKind.UNPARK.code()).start(g, 600, g, g).end(g, 700, g);
        }
        b.procStart(30, 0, 30).create(30, 0, 30, 0, 0, "SubPoller-0").start(30, 0, 30, 30)
                .block(30, 50, 30, BlockReason.PARK_OTHER.code(), 0);
        for (long g = 41; g <= 43; g++) {
            long at = 200 + 100 * (g - 41);
            b.procStart(g, 0, g).create(g, 0, g, 0, 0, "reply-waiter-" + (g - 40)).start(g, at - 10, g, g)
                    .block(g, at, g, BlockReason.QUEUE_TAKE.code(), 0, "java.util.concurrent.SynchronousQueue");
        }
        b.procStart(50, 0, 50).create(50, 0, 50, 0, 0, "stuck-7").start(50, 900, 50, 50)
                .block(50, 1_000, 50, BlockReason.LOCK.code(), 0, "java.util.concurrent.locks.ReentrantLock$NonfairSync");
        b.procStart(60, 0, 60).create(60, 0, 60, 0, 0, "").start(60, 0, 60, 60).end(60, 10, 60);
        b.endAt(10_000);
        Report r = Analysis.run(b.write(dir), opts());

        assertEquals("thread name", r.groupedBy(), "group key");
        assertEquals(List.of("(unnamed)", "SubPoller-*", "net-write-*", "reply-waiter-*", "stuck-*").stream().sorted().toList(),
                r.goroutines().stream().map(Report.GroupStats::startLocation).sorted().toList(), "groups");
        assertEquals(new Report.JdkInternal(1, List.of("SubPoller-* ×1"), 0, 0, 1), r.jdkInternal(), "JDK internal");
        assertEquals(List.of("network write"), r.blockReasons().stream().map(Report.ReasonStats::reason).toList(),
                "block reasons without the poller (and without the waits still open at the end)");
        Report.Diagnosis leak = r.diagnoses().stream().filter(d -> d.kind().equals("leak")).findFirst().orElseThrow();
        assertEquals("4 thread(s) still blocked at the end of the trace (possible leaks), 2 site(s), longest total wait first",
                leak.title(), "leak title");
        assertEquals(List.of(
                "3 blocked on queue take on java.util.concurrent.SynchronousQueue, threads reply-waiter-* (no block stack recorded): "
                        + "29.1 µs in all, 9.60 µs to 9.80 µs each; longest: G41 9.80 µs, G42 9.70 µs, G43 9.60 µs",
                "1 blocked on lock on java.util.concurrent.locks.ReentrantLock$NonfairSync, threads stuck-* (no block stack recorded) "
                        + "for 9.00 µs (G50)"), leak.evidence(), "leak evidence");
        StringBuilder text = new StringBuilder();
        ReportWriter.text(r, text);
        assertTrue(text.toString().contains("Goroutine analysis, by thread name"), text.toString());
        assertTrue(text.toString().contains("JDK internal threads (not above, not leaks): 1 (SubPoller-* ×1), 0 blocks, 0 ns blocked, 1 waiting at the end"),
                text.toString());
    }

    @Test
    void nameKeysFoldIds() {
        assertEquals(List.of("net-write-*", "pool-*-thread-*", "(unnamed)", "req-*", "main", "req-*-x"),
                java.util.stream.Stream.of("net-write-12", "pool-1-thread-3", "", "req-3fa2b19c", "main", "req-deadbeef42-x")
                        .map(dev.vtrace.analyzer.internal.Locations::nameKey).toList(), "name keys");
    }

    /** The HTML report is well-formed XML (the JDK's parser, no DTD loaded), self-contained, and carries the text report's numbers. */
    @Test
    void htmlReportIsSelfContainedWellFormedAndHasTheNumbers() throws Exception {
        Report r = Analysis.run(trace(), opts());
        StringBuilder html = new StringBuilder();
        ReportWriter.html(r, html);
        java.nio.file.Files.writeString(Path.of("target/sample-report.html"), html);
        javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        org.w3c.dom.Document doc = f.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(html.toString())));
        assertEquals("html", doc.getDocumentElement().getLocalName(), "root element");
        assertEquals(6, doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg").getLength(),
                "plots: 3 latency histograms, block reasons, pin reasons, carrier utilization");
        String h = html.toString();
        for (String banned : new String[] {"<script", "<link", "src=\"http", "href=\"http", "@import", "url("}) {
            assertTrue(!h.contains(banned), "external or scripted content: " + banned);
        }
        StringBuilder text = new StringBuilder();
        ReportWriter.text(r, text);
        for (String number : new String[] {ReportWriter.dur(r.createToStart().dist().p50()), ReportWriter.dur(r.wakeToRun().dist().maxNs()),
            ReportWriter.dur(r.blockReasons().get(0).dist().totalNs()), "92.5%", "G40", "12.0 µs"}) {
            assertTrue(text.toString().contains(number), "the text report has " + number);
            assertTrue(h.contains(number), "the HTML report has " + number);
        }
        assertEquals(2, r.carrierTimeline().utilization().size(), "timeline per P");
        double busy = r.carrierTimeline().utilization().get(1L).stream().mapToDouble(Double::doubleValue).sum()
                * r.carrierTimeline().bucketNs();
        assertEquals(18_500, busy, 1, "P1's timeline adds up to its busy time");
    }

    /**
     * A long slice is starvation only when it made others wait: G1 runs 50 µs (threshold 10 µs)
     * while G2 is runnable for {@code waitNs} of it, then G2 runs on the same P.
     */
    private Report longSliceWithWaiter(long waitNs) throws IOException {
        TraceBuilder b = new TraceBuilder();
        b.procStart(1, 0, 1).create(1, 0, 1, 0, 0, "worker").start(1, 100, 1, 1);
        b.create(1, 50_100 - waitNs, 2, 1, 0, "late");
        b.block(1, 50_100, 1, BlockReason.SLEEP.code(), 0).start(1, 50_200, 2, 1).end(1, 50_300, 2);
        b.endAt(60_000);
        return Analysis.run(b.write(dir), opts());
    }

    @Test
    void aLongSliceBesideAnEmptyRunQueueIsNotStarvation() throws IOException {
        Report quiet = longSliceWithWaiter(1_000); // 1 µs of waiting: under half the 10 µs threshold
        assertTrue(quiet.diagnoses().stream().noneMatch(d -> d.kind().equals("starvation")),
                "no starvation when nobody waited long: " + quiet.diagnoses());
        Report starved = longSliceWithWaiter(20_000); // G2 waited 20 µs for the one carrier
        assertTrue(starved.diagnoses().stream().anyMatch(d -> d.kind().equals("starvation")),
                "starvation when a thread waited: " + starved.diagnoses());
    }
}
