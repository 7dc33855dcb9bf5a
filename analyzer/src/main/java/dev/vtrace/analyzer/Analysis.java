package dev.vtrace.analyzer;

import dev.vtrace.analyzer.internal.Dist;
import dev.vtrace.analyzer.internal.Locations;
import dev.vtrace.analyzer.internal.Sites;
import dev.vtrace.format.BlockReason;
import dev.vtrace.format.EventCodes;
import dev.vtrace.format.EventType;
import dev.vtrace.format.PinReason;
import dev.vtrace.format.reader.Damage;
import dev.vtrace.format.reader.Event;
import dev.vtrace.format.reader.TraceTables;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The statistics and diagnoses of {@code trace analyze}: a {@link TraceConsumer} that folds the
 * ordered stream into a {@link Report}. In-progress state (one record per live thread, per P,
 * per stack) is kept apart from results; memory grows with threads and stacks, not events.
 *
 * <p>Window rule: a duration sample (a latency, a block, a slice) counts when the interval ends
 * inside the window; time totals (goroutine analysis, P utilization) are clipped to the window.
 * The filter keeps the threads whose name or start location contains it; P figures, GC and the
 * summary's event count ignore the filter.
 */
public final class Analysis implements TraceConsumer {
    /**
     * @param fromNs window start, ns after the trace's first event (0 = from the start)
     * @param toNs window end, ns after the trace's first event ({@code Long.MAX_VALUE} = to the end)
     * @param filter substring of a thread name or start location; null or empty for all threads
     * @param starvationNs a run slice this long is starvation when other threads spent, together,
     *     at least half as long runnable during it
     * @param churnNs a run slice shorter than this is "very short"
     * @param idleEpisodeNs idle carriers beside runnable threads for this long is reported
     * @param topN how many sites, threads and examples each list keeps
     */
    public record Options(long fromNs, long toNs, String filter, long starvationNs, long churnNs, long idleEpisodeNs,
            int topN) {
        /** Whole trace, all threads, starvation at 100 ms, churn under 10 µs, idle episodes from 1 ms, top 5. */
        public static Options defaults() {
            return new Options(0, Long.MAX_VALUE, null, 100_000_000L, 10_000L, 1_000_000L, 5);
        }

        public Options window(long from, long to) {
            return new Options(from, to, filter, starvationNs, churnNs, idleEpisodeNs, topN);
        }

        public Options filter(String f) {
            return new Options(fromNs, toNs, f, starvationNs, churnNs, idleEpisodeNs, topN);
        }
    }

    private static final BlockReason[] BLOCK_REASONS = BlockReason.values();
    private static final PinReason[] PIN_REASONS = PinReason.values();
    private static final int REASONS = BLOCK_REASONS.length;
    private static final int PINS = PIN_REASONS.length;
    private static final int MAX_PROBLEM_EXAMPLES = 10;

    /** Per start location: totals and the top threads. */
    static final class Group {
        long count;
        long exec;
        long sched;
        long pinned;
        final long[] block = new long[REASONS];
        final TopThreads top;
        long shortSlices;

        Group(int topN) {
            top = new TopThreads(topN, REASONS);
        }
    }

    private final Options opt;
    private TraceMeta meta;
    private TraceTables tables;
    private long wFrom;
    private long wTo;

    /** Live threads by {@link GTransition#slot}: the stream's own dense per-G index, no hashing here. */
    private final LiveThreads live = new LiveThreads(REASONS);
    private final Map<String, Group> groups = new HashMap<>();
    /** The group last looked up, by its location: threads of one group tend to come in a row. */
    private String lastLocation;
    private Group lastGroup;
    /** Scratch for a thread's blocked time per reason in {@link #fold}. */
    private final long[] foldBlock = new long[REASONS];
    private final Dist createToStart = new Dist();
    private final Sites createSites = new Sites();
    private final Dist wakeToRun = new Dist();
    private final Sites wakeSites = new Sites();
    private final Dist execution = new Dist();
    private final Sites execSites = new Sites();
    private final Dist[] block = new Dist[REASONS];
    private final Sites[] blockSites = new Sites[REASONS];
    private final Dist[] pin = new Dist[PINS];
    private final Sites[] pinSites = new Sites[PINS];

    private long events;
    private long created;
    private long ended;
    private long aliveAtEnd;
    private long seen;
    private long gcCount;
    private long gcPause;
    private long problems;
    private final List<String> problemExamples = new ArrayList<>();
    private final List<String> damage = new ArrayList<>();

    // P bookkeeping
    /** Per P id (small integers): {m, busy, running, idle, blocked}; null for ids never seen. */
    private long[][] procs = new long[16][];
    /** Per P: mounted time per timeline bucket. */
    private long[][] busyTimeline = new long[16][];
    private static final int TIMELINE_BUCKETS = 100;
    private long bucketNs;
    private PState[] pNow = new PState[16];

    // time integrals for diagnoses, advanced at every transition
    private long clock;
    private long runnable;
    private long idleP;
    private long runnableIntegral;
    private long idleWithRunnableNs;
    private long lostCarrierNs;
    private long episodeStart = -1;
    private long worstEpisodeStart;
    private long worstEpisodeNs;
    private long worstEpisodeRunnable;
    private long worstEpisodeIdle;
    private long episodeMaxRunnable;
    private long episodeMaxIdle;

    // diagnoses evidence
    private final List<long[]> starved = new ArrayList<>(); // {g, startTs, durationNs, avgRunnable*1000}
    private final Map<String, String> starvedLoc = new HashMap<>();
    private long slices;
    private long shortSlices;
    private final Map<String, Leak> leaks = new HashMap<>();

    // grouping and the JDK's own threads
    private final Locations locations = new Locations();
    private boolean byStack;
    private boolean byName;
    private final Map<String, Long> internalNames = new TreeMap<>();
    private long internalThreads;
    private long internalBlocks;
    private long internalBlockedNs;
    private long internalAliveAtEnd;

    private Report report;

    public Analysis(Options options) {
        this.opt = options;
        for (int i = 0; i < REASONS; i++) {
            block[i] = new Dist();
            blockSites[i] = new Sites();
        }
        for (int i = 0; i < PINS; i++) {
            pin[i] = new Dist();
            pinSites[i] = new Sites();
        }
    }

    /** Analyzes a trace file in one pass. */
    public static Report run(Path trace, Options options) throws IOException {
        Analysis a = new Analysis(options);
        OrderedStream.run(trace, a);
        return a.report();
    }

    /** The report; available after {@link #finish}. */
    public Report report() {
        if (report == null) {
            throw new IllegalStateException("the analysis has not finished: stream the trace through it first");
        }
        return report;
    }

    // ------------------------------------------------------------------ consumer

    @Override
    public void start(TraceMeta meta) {
        this.meta = meta;
        this.tables = meta.tables();
        this.locations.tables(tables);
        this.wFrom = satAdd(meta.startTs(), Math.max(0, opt.fromNs()));
        this.wTo = Math.min(meta.endTs(), satAdd(meta.startTs(), opt.toNs()));
        if (wTo < wFrom) {
            wTo = wFrom;
        }
        this.bucketNs = (wTo - wFrom + TIMELINE_BUCKETS - 1) / TIMELINE_BUCKETS;
        this.clock = meta.startTs();
        for (Damage d : meta.damage()) {
            damage.add(d.toString());
        }
    }

    private static long satAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    private boolean in(long ts) {
        return ts >= wFrom && ts <= wTo;
    }

    private long clip(long from, long to) {
        return Math.max(0, Math.min(to, wTo) - Math.max(from, wFrom));
    }

    @Override
    public void onEvent(Event e) {
        if (in(e.ts())) {
            events++;
            if (e.code() == EventCodes.GC_END) {
                gcCount++;
                gcPause += e.arg(1);
            }
        }
    }

    @Override
    public void onProblem(Problem p) {
        problems++;
        if (problemExamples.size() < MAX_PROBLEM_EXAMPLES) {
            problemExamples.add("at " + p.ts() + (p.g() != 0 ? " G" + p.g() : "") + ": " + p.what());
        }
    }

    @Override
    public void onDamage(Damage d) {
        damage.add(d.toString());
    }

    /** Moves the integrals of runnable threads and idle carriers to {@code ts}. */
    private void advance(long ts) {
        if (ts <= clock) {
            return;
        }
        long dt = clip(clock, ts);
        runnableIntegral += runnable * (ts - clock);
        if (runnable > 0 && idleP > 0) {
            idleWithRunnableNs += dt;
            lostCarrierNs += Math.min(runnable, idleP) * dt;
        }
        clock = ts;
    }

    /** Called after counts changed at the current clock: opens or closes an idle-carrier episode. */
    private void episode() {
        boolean on = runnable > 0 && idleP > 0;
        if (on && episodeStart < 0) {
            episodeStart = clock;
            episodeMaxRunnable = runnable;
            episodeMaxIdle = idleP;
        } else if (on) {
            episodeMaxRunnable = Math.max(episodeMaxRunnable, runnable);
            episodeMaxIdle = Math.max(episodeMaxIdle, idleP);
        } else if (episodeStart >= 0) {
            long d = clip(episodeStart, clock);
            if (d > worstEpisodeNs) {
                worstEpisodeNs = d;
                worstEpisodeStart = Math.max(episodeStart, wFrom);
                worstEpisodeRunnable = episodeMaxRunnable;
                worstEpisodeIdle = episodeMaxIdle;
            }
            episodeStart = -1;
        }
    }

    @Override
    public void onG(GTransition t) {
        advance(t.ts);
        int s = t.slot;
        LiveThreads live = this.live;
        int g = live.record(t);
        if (!live.inUse(g)) {
            newThread(g, s, t);
        }
        if (t.cause == EventType.GO_CREATE && in(t.ts)) {
            created++;
        } else if (t.cause == EventType.GO_END && in(t.ts)) {
            ended++;
        }
        if (t.from == GState.RUNNABLE && !t.inferred()) {
            runnable--;
        }
        if (t.to == GState.RUNNABLE) {
            runnable++;
        }
        account(g, s, t, false);
        if (t.to == GState.RUNNING) {
            live.runnableAtSlice(g, runnableIntegral);
        }
        if (t.to == GState.NOT_EXIST) {
            fold(g, s, t.g);
            live.clear(g, s);
        }
        episode();
    }

    /** The first transition of a thread (record g, slot s): its name, start location, group and filter match. */
    private void newThread(int g, int s, GTransition t) {
        boolean created = t.cause == EventType.GO_CREATE;
        String location = "unknown";
        if (created) {
            if (t.stack != 0 && tables.stack(t.stack) != null) {
                location = locations.startLocation(t.stack);
                byStack = true;
            } else {
                location = locations.nameKey(t.str);
                byName = true;
            }
        }
        live.reset(g, s, created ? t.str : 0, location);
        if (created) {
            live.internal(g, locations.internal(t.str, t.stack));
        }
        String f = opt.filter();
        boolean match = f == null || f.isEmpty() || live.location(s).contains(f)
                || tables.string(live.name(s)).contains(f);
        live.match(g, match);
        if (match) {
            seen++;
            live.group(g, s, group(location));
        }
    }

    /** The group of a start location, created on first use. */
    private Group group(String location) {
        if (location != lastLocation) {
            lastGroup = groups.computeIfAbsent(location, k -> new Group(opt.topN()));
            lastLocation = location;
        }
        return lastGroup;
    }

    /**
     * Adds the state {@code t} leaves to the time of the thread (record g, slot s) and to the
     * distributions; a sample only for a matching thread, a transition in the window and not
     * at the end. One small method per state, so that the JIT keeps the common ones inline.
     */
    private void account(int g, int s, GTransition t, boolean atEnd) {
        long d = clip(t.fromTs, t.ts);
        long full = t.ts - t.fromTs;
        boolean match = live.match(g);
        boolean sample = match && in(t.ts) && !atEnd;
        switch (t.from) {
            case RUNNING -> leftRunning(g, s, t, d, full, match, sample);
            case RUNNABLE -> leftRunnable(g, t, d, full, sample);
            case WAITING -> leftWaiting(g, s, t, d, full, sample);
            case PINNED -> leftPinned(g, s, t, d, full, match, sample);
            case NOT_EXIST -> { }
        }
    }

    private void leftRunning(int g, int s, GTransition t, long d, long full, boolean match, boolean sample) {
        live.addExec(g, d);
        if (match && (t.p != 0)) {
            busy(t.p, d, t.fromTs, t.ts);
        }
        if (sample && !t.inferred()) {
            execution.record(full);
            execSites.record(t.fromStack, full);
            slices++;
            if (full < opt.churnNs()) {
                shortSlice(s);
            }
        }
        if (match && full >= opt.starvationNs() && in(t.ts)) {
            starvation(g, s, t, full);
        }
    }

    /** A run slice shorter than the churn threshold: counted, and for the thread's group. */
    private void shortSlice(int s) {
        shortSlices++;
        live.group(s).shortSlices++;
    }

    /** A run slice at least the starvation threshold long: starvation if it made others wait. */
    private void starvation(int g, int s, GTransition t, long full) {
        long others = runnableIntegral - live.runnableAtSlice(g);
        // Starvation is a long slice that made others wait: together at least half the
        // threshold (thread-ns runnable). A long slice beside an idle queue is just work;
        // without this, a worker pool's single busy worker was flagged "while 0.0 others
        // were runnable".
        if (others >= opt.starvationNs() / 2) {
            starved.add(new long[] {t.g, t.fromTs, full, others * 1000 / Math.max(1, full)});
            starvedLoc.put(Long.toString(t.g), live.location(s));
        }
    }

    private void leftRunnable(int g, GTransition t, long d, long full, boolean sample) {
        live.addSched(g, d);
        if (sample && t.to == GState.RUNNING && t.fromCause != null) {
            if (t.fromCause == EventType.GO_CREATE) {
                createToStart.record(full);
                createSites.record(t.fromStack, full);
            } else {
                wakeToRun.record(full);
                wakeSites.record(t.fromStack, full);
            }
        }
    }

    private void leftWaiting(int g, int s, GTransition t, long d, long full, boolean sample) {
        int r = blockIndex(t.fromReason);
        live.addBlock(g, s, r, d);
        if (sample && !t.inferred()) {
            if (live.internal(g)) {
                internalBlocks++;
                internalBlockedNs += full;
            } else {
                block[r].record(full);
                blockSites[r].record(t.fromStack, full);
            }
        }
    }

    private void leftPinned(int g, int s, GTransition t, long d, long full, boolean match, boolean sample) {
        live.addPinned(g, s, d);
        if (match && t.p != 0) {
            busy(t.p, d, t.fromTs, t.ts);
        }
        if (sample && !t.inferred()) {
            int r = PinReason.byCode(t.fromReason).ordinal();
            pin[r].record(full);
            pinSites[r].record(t.fromStack, full);
        }
    }

    private static int blockIndex(int code) {
        return code >= 0 && code < REASONS && BLOCK_REASONS[code].code() == code ? code : BlockReason.byCode(code).ordinal();
    }

    private void busy(long p, long d, long from, long to) {
        proc(p)[1] += d;
        if (d > 0 && bucketNs > 0) {
            spread(p, Math.max(from, wFrom), Math.min(to, wTo));
        }
    }

    /** Adds the mounted interval [from, to) of P {@code p} to its timeline buckets. */
    private void spread(long p, long from, long to) {
        int pi = (int) p;
        if (pi >= busyTimeline.length) {
            busyTimeline = Arrays.copyOf(busyTimeline, Math.max(pi + 1, busyTimeline.length * 2));
        }
        long[] b = busyTimeline[pi];
        if (b == null) {
            b = busyTimeline[pi] = new long[TIMELINE_BUCKETS];
        }
        long t = from;
        if (t >= to) {
            return;
        }
        // the bucket of `from`: slices start near the clock, so mostly the last one (a long
        // division per slice was a hot spot)
        int i;
        long hi;
        if (t >= bucketLo && t < bucketHi) {
            i = bucketIndex;
            hi = bucketHi;
        } else {
            i = (int) Math.min(TIMELINE_BUCKETS - 1, (t - wFrom) / bucketNs);
            bucketIndex = i;
            bucketLo = wFrom + i * bucketNs;
            hi = bucketHi = i == TIMELINE_BUCKETS - 1 ? Long.MAX_VALUE : bucketLo + bucketNs;
        }
        while (true) {
            long end = Math.min(to, hi);
            b[i] += end - t;
            t = end;
            if (t >= to) {
                return;
            }
            i++;
            hi = i == TIMELINE_BUCKETS - 1 ? Long.MAX_VALUE : hi + bucketNs;
        }
    }

    /** The timeline bucket last computed by {@link #spread}: [bucketLo, bucketHi) is bucket bucketIndex. */
    private int bucketIndex;
    private long bucketLo = Long.MAX_VALUE;
    private long bucketHi = Long.MIN_VALUE;

    /** The figures of P {@code p}, created on first use. */
    private long[] proc(long p) {
        if (p < 0 || p >= Integer.MAX_VALUE / 2) {
            throw new AssertionError("invariant violation: P id " + p + " out of range");
        }
        int i = (int) p;
        if (i >= procs.length) {
            int n = Math.max(i + 1, procs.length * 2);
            procs = Arrays.copyOf(procs, n);
            pNow = Arrays.copyOf(pNow, n);
        }
        long[] a = procs[i];
        if (a == null) {
            a = procs[i] = new long[5];
        }
        return a;
    }

    /** Adds thread {@code id} (record g, slot s) to its group, once it ended or the trace did. */
    private void fold(int g, int s, long id) {
        LiveThreads live = this.live;
        if (!live.match(g)) {
            return;
        }
        String location = live.location(s);
        if (live.internal(g)) {
            internalThreads++;
            internalNames.merge(location, 1L, Long::sum);
        }
        long[] block = foldBlock;
        Arrays.fill(block, 0);
        live.addBlockTo(g, s, block);
        long exec = live.exec(g);
        long sched = live.sched(g);
        long pinned = live.pinned(s);
        long total = exec + sched + pinned;
        Group gr = live.group(s);
        for (int r = 0; r < REASONS; r++) {
            gr.block[r] += block[r];
            total += block[r];
        }
        gr.count++;
        gr.exec += exec;
        gr.sched += sched;
        gr.pinned += pinned;
        if (gr.top.enters(total, id)) {
            gr.top.add(total, id, live.name(s), exec, sched, pinned, block);
        }
    }

    private static Report.TimeBreakdown breakdown(long exec, long sched, long[] block, long pinned) {
        Map<String, Long> m = new LinkedHashMap<>();
        long total = 0;
        for (BlockReason r : BLOCK_REASONS) {
            long v = block[r.ordinal()];
            if (v != 0) {
                m.put(r.label(), v);
                total += v;
            }
        }
        return new Report.TimeBreakdown(exec, sched, total, Map.copyOf(m), pinned);
    }

    @Override
    public void onP(PTransition t) {
        advance(t.ts);
        long[] a = proc(t.p);
        a[0] = t.m;
        pTime(a, t);
        PState was = pNow[(int) t.p];
        pNow[(int) t.p] = t.to;
        if (was == PState.IDLE) {
            idleP--;
        }
        if (t.to == PState.IDLE) {
            idleP++;
        }
        episode();
    }

    private void pTime(long[] a, PTransition t) {
        long d = clip(t.fromTs, t.ts);
        switch (t.from) {
            case RUNNING -> a[2] += d;
            case IDLE -> a[3] += d;
            case BLOCKED -> a[4] += d;
        }
    }

    @Override
    public void pAtEnd(PTransition t) {
        long[] a = proc(t.p);
        a[0] = t.m;
        pTime(a, t);
    }

    @Override
    public void aliveAtEnd(GTransition t) {
        advance(t.ts);
        aliveAtEnd++;
        int s = t.slot;
        int g = live.record(t);
        if (!live.inUse(g)) {
            return;
        }
        account(g, s, t, true);
        if (live.match(g) && live.internal(g)) {
            internalAliveAtEnd++;
        } else if (live.match(g) && t.from == GState.WAITING) {
            leaks.computeIfAbsent(leakSite(s, t), Leak::new).add(t.g, t.ts - t.fromTs, opt.topN());
        }
        fold(g, s, t.g);
        live.clear(g, s);
    }

    /**
     * Where a thread left waiting at the end waits: the block reason and the site of its block
     * stack when one was recorded, else the reason, the blocker's class and the thread's name key.
     */
    private String leakSite(int s, GTransition t) {
        String reason = BlockReason.byCode(t.fromReason).label();
        if (t.fromStack != 0 && tables.stack(t.fromStack) != null) {
            return reason + " at " + locations.site(t.fromStack);
        }
        String blocker = t.fromStr == 0 ? "" : tables.string(t.fromStr);
        String location = live.location(s);
        return reason + (blocker.isEmpty() ? "" : " on " + blocker) + ", threads " + (location.equals("unknown")
                ? locations.nameKey(live.name(s)) : location) + " (no block stack recorded)";
    }

    /** Threads still waiting at the end at one site: how many, how long, the longest waiters. */
    private static final class Leak {
        final String site;
        long count;
        long total;
        long min = Long.MAX_VALUE;
        /** The longest waiters so far: {g, waited}, longest first. */
        final List<long[]> longest = new ArrayList<>();

        Leak(String site) {
            this.site = site;
        }

        void add(long g, long waited, int keep) {
            count++;
            total += waited;
            min = Math.min(min, waited);
            int i = 0;
            while (i < longest.size() && (longest.get(i)[1] > waited || longest.get(i)[1] == waited && longest.get(i)[0] < g)) {
                i++;
            }
            if (i < keep) {
                longest.add(i, new long[] {g, waited});
                if (longest.size() > keep) {
                    longest.remove(keep);
                }
            }
        }

        long max() {
            return longest.isEmpty() ? 0 : longest.get(0)[1];
        }
    }

    @Override
    public void finish(long endTs) {
        advance(endTs);
        runnable = 0;
        episode();
        report = build();
    }

    // ------------------------------------------------------------------ results

    private Report build() {
        int n = opt.topN();
        Report.Summary summary = new Report.Summary(meta.source(), wFrom, wTo, events, created, ended, aliveAtEnd, seen,
                gcCount, gcPause, meta.droppedEvents(), List.copyOf(damage), problems, List.copyOf(problemExamples),
                meta.complete());
        List<Report.ReasonStats> blocks = reasons(block, blockSites, BlockReason.values().length, i -> BlockReason.values()[i].label());
        List<Report.ReasonStats> pins = reasons(pin, pinSites, PinReason.values().length, i -> PinReason.values()[i].label());

        List<Report.GroupStats> gs = new ArrayList<>();
        for (Map.Entry<String, Group> e : groups.entrySet()) {
            Group gr = e.getValue();
            if (gr.count == 0) {
                continue;
            }
            gs.add(new Report.GroupStats(e.getKey(), gr.count, breakdown(gr.exec, gr.sched, gr.block, gr.pinned),
                    gr.top.stats(tables::string, Analysis::breakdown)));
        }
        gs.sort(Comparator.comparingLong((Report.GroupStats g) -> g.time().executionNs()).reversed()
                .thenComparing(Report.GroupStats::startLocation));

        long span = Math.max(0, wTo - wFrom);
        List<Report.ProcStats> ps = new ArrayList<>();
        for (int p = 0; p < procs.length; p++) {
            long[] a = procs[p];
            if (a != null) {
                ps.add(new Report.ProcStats(p, a[0], a[1], a[2], a[3], a[4], span == 0 ? 0 : (double) a[1] / span));
            }
        }

        String groupedBy = byStack && byName ? "start location, else thread name"
                : byStack ? "start location" : byName ? "thread name" : "start location";
        List<String> names = new ArrayList<>();
        internalNames.forEach((k, v) -> names.add(k + " ×" + v));
        Report.JdkInternal internal = new Report.JdkInternal(internalThreads, List.copyOf(names), internalBlocks,
                internalBlockedNs, internalAliveAtEnd);
        return new Report(summary, groupedBy, internal,
                new Report.Latency(createToStart.toDistribution(), createSites.top(tables, n), createToStart.histogram()),
                new Report.Latency(wakeToRun.toDistribution(), wakeSites.top(tables, n), wakeToRun.histogram()),
                new Report.Latency(execution.toDistribution(), execSites.top(tables, n), execution.histogram()),
                blocks, pins, List.copyOf(gs), List.copyOf(ps), diagnoses(pins, gs), timeline());
    }

    private Report.CarrierTimeline timeline() {
        if (bucketNs <= 0) {
            return Report.CarrierTimeline.EMPTY;
        }
        Map<Long, List<Double>> m = new TreeMap<>();
        for (int p = 0; p < procs.length; p++) {
            if (procs[p] == null) {
                continue;
            }
            long[] b = p < busyTimeline.length && busyTimeline[p] != null ? busyTimeline[p] : new long[TIMELINE_BUCKETS];
            List<Double> u = new ArrayList<>(TIMELINE_BUCKETS);
            for (int i = 0; i < TIMELINE_BUCKETS; i++) {
                long w = Math.min(bucketNs, Math.max(0, wTo - (wFrom + i * bucketNs)));
                u.add(w == 0 ? 0.0 : Math.min(1.0, (double) b[i] / w));
            }
            m.put((long) p, List.copyOf(u));
        }
        return new Report.CarrierTimeline(wFrom, bucketNs, Map.copyOf(m));
    }

    private List<Report.ReasonStats> reasons(Dist[] d, Sites[] s, int count, java.util.function.IntFunction<String> label) {
        long all = 0;
        for (int i = 0; i < count; i++) {
            all += d[i].total();
        }
        List<Report.ReasonStats> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (d[i].count() > 0) {
                out.add(new Report.ReasonStats(label.apply(i), d[i].toDistribution(),
                        all == 0 ? 0 : (double) d[i].total() / all, s[i].top(tables, opt.topN())));
            }
        }
        out.sort(Comparator.comparingLong((Report.ReasonStats r) -> r.dist().totalNs()).reversed()
                .thenComparing(Report.ReasonStats::reason));
        return List.copyOf(out);
    }

    private List<Report.Diagnosis> diagnoses(List<Report.ReasonStats> pins, List<Report.GroupStats> gs) {
        List<Report.Diagnosis> out = new ArrayList<>();
        int n = opt.topN();
        if (problems > 0) {
            out.add(new Report.Diagnosis("problems", problems + " events did not fit the thread state machine",
                    List.copyOf(problemExamples),
                    "the figures below may be off around these events; report a recorder bug if the trace is from vtrace"));
        }
        if (!damage.isEmpty()) {
            out.add(new Report.Diagnosis("damage", damage.size() + " damaged place(s) in the file: their events are missing",
                    damage.subList(0, Math.min(n, damage.size())), "re-record if the damaged span matters"));
        }
        if (!starved.isEmpty()) {
            starved.sort(Comparator.comparingLong((long[] a) -> -a[2]).thenComparingLong(a -> a[0]));
            List<String> ev = new ArrayList<>();
            for (long[] a : starved.subList(0, Math.min(n, starved.size()))) {
                ev.add(String.format(Locale.US, "G%d ran %s without unmounting from +%s while %.1f other threads on average were runnable; start location: %s",
                        a[0], ReportWriter.dur(a[2]), ReportWriter.dur(a[1] - meta.startTs()), a[3] / 1000.0,
                        starvedLoc.get(Long.toString(a[0]))));
            }
            out.add(new Report.Diagnosis("starvation", starved.size() + " run slice(s) ≥ " + ReportWriter.dur(opt.starvationNs())
                    + " held a carrier while other threads waited", ev,
                    "virtual threads are never preempted: move long CPU work to a platform-thread pool or yield (Thread.yield()) inside the loop"));
        }
        if (!pins.isEmpty()) {
            long total = pins.stream().mapToLong(r -> r.dist().totalNs()).sum();
            long count = pins.stream().mapToLong(r -> r.dist().count()).sum();
            List<String> ev = new ArrayList<>();
            for (Report.ReasonStats r : pins) {
                ev.add(String.format(Locale.US, "%s: %d blocks, %s total, max %s", r.reason(), r.dist().count(),
                        ReportWriter.dur(r.dist().totalNs()), ReportWriter.dur(r.dist().maxNs())));
                for (Report.Site s : r.topSites()) {
                    ev.add(String.format(Locale.US, "  %s: %d blocks, %s", s.site(), s.count(), ReportWriter.dur(s.totalNs())));
                }
            }
            out.add(new Report.Diagnosis("pinning", count + " blocking call(s) pinned their carrier for " + ReportWriter.dur(total),
                    ev, "a pinned block holds the carrier: avoid blocking inside native frames and critical sections, "
                            + "and class initializers that wait"));
        }
        if (worstEpisodeNs >= opt.idleEpisodeNs()) {
            List<String> ev = List.of(
                    String.format(Locale.US, "longest: %s from +%s, up to %d runnable threads and %d idle carriers",
                            ReportWriter.dur(worstEpisodeNs), ReportWriter.dur(worstEpisodeStart - meta.startTs()),
                            worstEpisodeRunnable, worstEpisodeIdle),
                    String.format(Locale.US, "in all: %s with both idle carriers and runnable threads, %s carrier-time lost",
                            ReportWriter.dur(idleWithRunnableNs), ReportWriter.dur(lostCarrierNs)));
            out.add(new Report.Diagnosis("idle-carriers", "carriers stayed idle while threads waited to run", ev,
                    "woken carriers waited for a CPU (check the machine's load: other processes?) or were not woken"
                            + " (a custom scheduler, blocked carrier compensation, jdk.virtualThreadScheduler.parallelism"
                            + " too low)"));
        }
        if (slices >= 100 && shortSlices * 2 >= slices) {
            List<String> ev = new ArrayList<>();
            ev.add(String.format(Locale.US, "%d of %d run slices (%.0f%%) shorter than %s; median slice %s", shortSlices,
                    slices, 100.0 * shortSlices / slices, ReportWriter.dur(opt.churnNs()),
                    ReportWriter.dur(execution.toDistribution().p50())));
            groups.entrySet().stream()
                    .filter(e -> e.getValue().shortSlices > 0)
                    .sorted(Comparator.comparingLong((Map.Entry<String, Group> e) -> -e.getValue().shortSlices)
                            .thenComparing(Map.Entry::getKey))
                    .limit(n)
                    .forEach(e -> ev.add(e.getValue().shortSlices + " short slices: threads started at " + e.getKey()));
            out.add(new Report.Diagnosis("churn", "most run slices are very short: threads switch more than they work", ev,
                    "hand work over in larger pieces (batch per wake-up), or avoid ping-pong between threads"));
        }
        if (!leaks.isEmpty()) {
            List<Leak> ls = new ArrayList<>(leaks.values());
            ls.sort(Comparator.comparingLong((Leak l) -> -l.total).thenComparingLong(l -> -l.count).thenComparing(l -> l.site));
            long total = ls.stream().mapToLong(l -> l.count).sum();
            List<String> ev = new ArrayList<>();
            for (Leak l : ls.subList(0, Math.min(n, ls.size()))) {
                String who = String.join(", ", l.longest.stream().map(a -> "G" + a[0] + " " + ReportWriter.dur(a[1])).toList());
                ev.add(l.count == 1
                        ? String.format(Locale.US, "1 blocked on %s for %s (%s)", l.site, ReportWriter.dur(l.total), who.split(" ")[0])
                        : String.format(Locale.US, "%d blocked on %s: %s in all, %s to %s each; longest: %s", l.count, l.site,
                                ReportWriter.dur(l.total), ReportWriter.dur(l.min), ReportWriter.dur(l.max()), who));
            }
            if (ls.size() > n) {
                ev.add((ls.size() - n) + " more site(s) with " + ls.subList(n, ls.size()).stream().mapToLong(l -> l.count).sum()
                        + " thread(s)");
            }
            out.add(new Report.Diagnosis("leak", total + " thread(s) still blocked at the end of the trace (possible leaks), "
                    + ls.size() + " site(s), longest total wait first", ev,
                    "look at the top site: a missing unlock, signal, countDown or response; add timeouts to the wait"));
        }
        return List.copyOf(out);
    }
}
