package dev.vtrace.export.internal;

import dev.vtrace.analyzer.GState;
import dev.vtrace.analyzer.GTransition;
import dev.vtrace.analyzer.PState;
import dev.vtrace.analyzer.PTransition;
import dev.vtrace.analyzer.TraceConsumer;
import dev.vtrace.analyzer.TraceMeta;
import dev.vtrace.export.ExportOptions;
import dev.vtrace.format.BlockReason;
import dev.vtrace.format.EventType;
import dev.vtrace.format.PinReason;
import dev.vtrace.format.UnblockKind;
import dev.vtrace.format.reader.Event;
import dev.vtrace.format.reader.Stack;
import dev.vtrace.format.reader.TraceTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps the analyzer's stream to a format-neutral timeline and hands it to a {@link Sink}.
 *
 * <p>Per callback:
 * <ol>
 *   <li>{@link #advance}: flush the counters changed at an earlier timestamp; open the time
 *       window (begin, at its start, every slice already open) or close it (end every emitted
 *       slice at its end, terminate pending flows).
 *   <li>Goroutine transitions end the previous state slice on the thread's track and begin the
 *       next; runs (RUNNING, and PINNED inside them) are mirrored as slices on the carrier's
 *       track; unblocks and creations start a flow on the waker's / creator's track that ends at
 *       the woken / created thread's next run.
 *   <li>Events without transitions (GC, heap, tasks, regions, logs) map directly.
 * </ol>
 * Slices are kept as a stack per track, and an end closes everything opened inside it, so the
 * output nests on every input. State kept: open slices per live thread, carrier and task; nothing
 * per event.
 */
public final class Timeline implements TraceConsumer {
    // Track uuids are small (they are written with every event): (n << 3) | tag, tag 0 for the
    // fixed tracks, a kind tag for per-id tracks.
    private static final long UUID_PROCESS = 1 << 3, UUID_CARRIERS = 2 << 3, UUID_VTHREADS = 3 << 3,
            UUID_OTHERS = 4 << 3, UUID_TASKS = 5 << 3, UUID_GC = 6 << 3, UUID_COUNTERS = 10;
    private static final int TAG_P = 1, TAG_G = 2, TAG_REGIONS = 3, TAG_M = 4, TAG_TASK = 5;

    private static long uuid(long id, int tag) {
        return (id << 3) | tag;
    }

    private static final String[] BLOCKED = new String[BlockReason.values().length];
    private static final String[] PINNED = new String[PinReason.values().length];

    static {
        for (BlockReason r : BlockReason.values()) {
            BLOCKED[r.code()] = "blocked: " + r.label();
        }
        for (PinReason r : PinReason.values()) {
            PINNED[r.code()] = "pinned: " + r.label();
        }
    }

    /** Counter slots. */
    private static final int C_RUNNABLE = 0, C_RUNNING = 1, C_BLOCKED = 2, C_PINNED = 3, C_LIVE = 4, C_HEAP = 5;

    /**
     * The state slices' names, with room for the sink's interned id (per timeline: the cached id
     * belongs to one sink). Indexed like {@link #BLOCKED} and {@link #PINNED}.
     */
    private final InternedName runnableName = new InternedName("runnable"), runningName = new InternedName("running"),
            blockedName = new InternedName("blocked"), pinnedName = new InternedName("pinned");
    private final InternedName[] blockedNames = interned(BLOCKED), pinnedNames = interned(PINNED);
    /** Argument keys and values of the frequent state slices, likewise. */
    private final InternedName wokenByKey = new InternedName("woken by"), howKey = new InternedName("how");
    private final InternedName[] unblockKinds = interned(unblockKindLabels());

    private static String[] unblockKindLabels() {
        int max = 0;
        for (UnblockKind k : UnblockKind.values()) {
            max = Math.max(max, k.code());
        }
        String[] labels = new String[max + 1];
        for (UnblockKind k : UnblockKind.values()) {
            labels[k.code()] = k.label();
        }
        return labels;
    }

    private static InternedName[] interned(String[] names) {
        InternedName[] r = new InternedName[names.length];
        for (int i = 0; i < names.length; i++) {
            r[i] = names[i] == null ? null : new InternedName(names[i]);
        }
        return r;
    }

    private final ExportOptions options;
    private final Sink sink;
    private final Args args = new Args();
    private final Args endArgs = new Args();

    private TraceTables tables;
    private Track process, carriers, vthreads, others, tasksGroup, gc;
    private final Track[] counterTracks = new Track[6];
    private final long[] counterValues = new long[6];
    private final long[] emittedCounters = new long[6];
    /** Counters changed since they were last handed to the sink, one bit per slot. */
    private int dirtyCounters;
    private boolean countersDirty;
    private long countersTs;

    /** Carrier tracks by P - 1 (null: not seen yet). */
    private Track[] ps = new Track[16];
    private final LongMap<G> gs = new LongMap<>();
    /**
     * The same goroutines by the stream's dense {@link GTransition#slot}: a transition finds its
     * thread with one array load instead of a hash probe. A slot names a thread only while it
     * lives, and a producer may leave slots unset, so an entry counts only when its id matches;
     * otherwise {@link #gs} answers.
     */
    private G[] bySlot = new G[256];
    private final Map<Long, Track> otherThreads = new LinkedHashMap<>();
    private final Map<Long, Track> tasks = new LinkedHashMap<>();
    private int nextGRank;
    private long nextFlow;

    private boolean windowOpen, windowClosed;
    /** The first timestamp at which the window may open or close: {@link #advance} checks only this. */
    private long nextWindowEdge = Long.MIN_VALUE;
    private long lastTs;
    private long events;
    /** The M (platform thread) whose batch held the current event: for GO_START, the carrier's. */
    private long eventM;
    /** Whether the current event is a GO_START (a boolean, not the type: a primitive store per event needs no GC barrier). */
    private boolean eventIsStart;

    /** What is kept per live goroutine. */
    private static final class G {
        final long id;
        /** "G<id> name · start location": its runs on carrier tracks. */
        final String label;
        final boolean kept;
        /** Names of the markers on the waker's / creator's track, made on first use. */
        InternedName unblockName, createName;
        /** {@link #label} for the sink (interned id cached). */
        final InternedName runName;
        Track track;
        Track regions;
        /** P it runs on (RUNNING, PINNED), else 0. */
        long p;
        /** Flow that ends at its next run, 0 if none. */
        long pendingFlow;
        /** Whether it is counted in the counters (seen through a transition). */
        boolean counted;
        GState state = GState.NOT_EXIST;
        /** Its index in {@link #bySlot}, -1 if none. */
        int slot = -1;

        G(long id, String label, boolean kept) {
            this.id = id;
            this.label = label;
            this.runName = new InternedName(label);
            this.kept = kept;
        }
    }

    public Timeline(ExportOptions options, Sink sink) {
        this.options = options;
        this.sink = sink;
    }

    /** Input events seen. */
    public long events() {
        return events;
    }

    // ---------------------------------------------------------------- consumer callbacks

    @Override
    public void start(TraceMeta meta) {
        tables = meta.tables();
        String command = options.command();
        if (command == null || command.isEmpty()) {
            command = meta.header() != null && !meta.header().getCommandLine().isEmpty()
                    ? meta.header().getCommandLine()
                    : meta.source();
        }
        long pid = meta.header() != null && meta.header().getPid() > 0 ? meta.header().getPid() : 1;
        // Top to bottom: carriers, the counters, GC, user tasks, virtual threads (the long list),
        // other threads.
        process = new Track(UUID_PROCESS, null, Track.Kind.PROCESS, "vtrace: " + command, "", 0, pid);
        carriers = new Track(UUID_CARRIERS, process, Track.Kind.GROUP, "carriers", "carriers", 1, 0);
        String[] names = {"runnable", "running", "blocked", "pinned", "live"};
        for (int i = 0; i < names.length; i++) {
            counterTracks[i] = new Track((UUID_COUNTERS + i) << 3, process, Track.Kind.COUNTER, names[i] + " threads",
                    names[i], 10 + i, 0);
        }
        counterTracks[C_HEAP] = new Track((UUID_COUNTERS + C_HEAP) << 3, process, Track.Kind.COUNTER_BYTES, "heap", "bytes",
                20, 0);
        gc = new Track(UUID_GC, process, Track.Kind.GC, "GC", "GC", 30, 0);
        tasksGroup = new Track(UUID_TASKS, process, Track.Kind.GROUP, "user tasks", "user tasks", 40, 0);
        vthreads = new Track(UUID_VTHREADS, process, Track.Kind.GROUP, "virtual threads", "virtual threads", 50, 0);
        others = new Track(UUID_OTHERS, process, Track.Kind.GROUP, "other threads", "other threads", 60, 0);
        java.util.Arrays.fill(emittedCounters, -1);
        try {
            sink.start(process.name, pid, meta.startTs(), tables);
            describe(process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The event types that map to something here, by ordinal; the others (goroutine and carrier
     * events, nearly all of a trace) arrive again as transitions, so {@link #onEvent} stays small
     * enough to be inlined for them.
     */
    private static final boolean[] MAPPED = new boolean[EventType.values().length];

    static {
        for (EventType t : new EventType[] {EventType.GC_BEGIN, EventType.GC_END, EventType.HEAP, EventType.TASK_BEGIN,
            EventType.TASK_END, EventType.REGION_BEGIN, EventType.REGION_END, EventType.LOG}) {
            MAPPED[t.ordinal()] = true;
        }
    }

    @Override
    public void onEvent(Event e) {
        events++;
        EventType type = e.type();
        eventM = e.m();
        eventIsStart = type == EventType.GO_START;
        advance(e.ts());
        if (MAPPED[type.ordinal()]) {
            mapEvent(e);
        }
    }

    /** An event that is not a transition: GC, heap, tasks, regions, logs. */
    private void mapEvent(Event e) {
        long ts = e.ts();
        switch (e.type()) {
            case GC_BEGIN -> {
                String name = tables.string(e.arg(1));
                begin(gc, Track.GC_SLICE, ts, name.isEmpty() ? "GC" : "GC: " + name, args.clear().add("gc", e.arg(0)), 0);
            }
            case GC_END -> end(gc, Track.GC_SLICE, null, ts, endArgs.clear().add("pause ns", e.arg(1)));
            case HEAP -> setCounter(C_HEAP, e.arg(0), ts);
            case TASK_BEGIN -> {
                long id = e.arg(1);
                String name = tables.string(e.arg(3));
                name = name.isEmpty() ? "task " + id : name;
                Track t = new Track(uuid(id, TAG_TASK), tasksGroup, Track.Kind.TASK, name, name, 0, id);
                tasks.put(id, t);
                args.clear().add("task", id).add("goroutine", e.g());
                if (e.arg(2) != 0) {
                    args.add("parent task", e.arg(2));
                }
                begin(t, Track.TASK_SLICE, ts, name, args, 0);
            }
            case TASK_END -> {
                Track t = tasks.remove(e.arg(1));
                if (t != null) {
                    end(t, Track.TASK_SLICE, null, ts, null);
                }
            }
            case REGION_BEGIN -> {
                G g = gs.get(e.g());
                if (g != null && g.kept) {
                    if (g.regions == null) {
                        g.regions = new Track(uuid(g.id, TAG_REGIONS), g.track, Track.Kind.REGIONS, "regions", "regions", 0,
                                g.id);
                    }
                    String name = tables.string(e.arg(2));
                    args.clear();
                    if (e.arg(1) != 0) {
                        args.add("task", e.arg(1));
                    }
                    begin(g.regions, Track.REGION, ts, name.isEmpty() ? "region" : name, args, 0);
                }
            }
            case REGION_END -> {
                G g = gs.get(e.g());
                if (g != null && g.regions != null) {
                    String name = tables.string(e.arg(2));
                    end(g.regions, Track.REGION, name.isEmpty() ? "region" : name, ts, null);
                }
            }
            case LOG -> {
                Track t = threadTrack(e.g());
                if (t != null) {
                    String category = tables.string(e.arg(2));
                    args.clear().add("message", tables.string(e.arg(3)));
                    if (e.arg(1) != 0) {
                        args.add("task", e.arg(1));
                    }
                    instant(t, ts, category.isEmpty() ? "log" : "log: " + category, args, 0);
                }
            }
            default -> {
                // goroutine and proc events arrive as transitions
            }
        }
    }

    @Override
    public void onG(GTransition t) {
        // The whole transition is here rather than in a method of its own: called once per
        // event, this is where the JIT compiles the timeline's work (its steps inlined into it),
        // and one level of calls less is one chance less for the JIT to keep a call.
        advance(t.ts);
        G g = find(t);
        if (g == null) {
            g = firstSeen(t);
        }
        int from = -1;
        if (!g.counted) {
            g.counted = true;
        } else {
            from = COUNTER_OF[t.from.ordinal()];
        }
        count(from, COUNTER_OF[t.to.ordinal()], t.ts);
        long ts = t.ts;
        boolean isRunning = running(t.to);
        // 1. close what ended
        closeEnded(g, t, isRunning);
        // 2. instants and flows
        long flowOut = 0;
        if (t.cause == EventType.GO_CREATE && g.track != null) {
            flowOut = created(g, t, ts);
        } else if (t.cause == EventType.GO_UNBLOCK && t.to == GState.RUNNABLE && g.track != null && t.by != 0
                && t.by != g.id) {
            flowOut = flowFrom(t.by, ts, g.unblockName);
        }
        if (flowOut != 0) {
            g.pendingFlow = flowOut;
        }
        // 3. open what began
        g.state = t.to;
        if (t.to == GState.NOT_EXIST) {
            ended(g, ts);
            return;
        }
        if (isRunning && g.p == 0 && t.p != 0) {
            g.p = t.p;
            beginRun(g, ts);
        }
        if (t.to == GState.PINNED && g.p != 0) {
            beginPinned(g, t);
        }
        long flowIn = 0;
        if (t.to == GState.RUNNING && g.pendingFlow != 0) {
            flowIn = g.pendingFlow;
            g.pendingFlow = 0;
        }
        if (g.track != null) {
            // The counters this transition changed ride on its state slice (one packet in Perfetto).
            flushCounters();
        }
        beginState(g, t.to, t.reason, ts, true, flowIn, t);
    }

    /** A thread seen for the first time: made, and if it was alive before, the state it was in since it began. */
    private G firstSeen(GTransition t) {
        G g = newG(t);
        if (t.from != GState.NOT_EXIST) {
            g.state = t.from;
            g.p = running(t.from) ? t.p : 0;
            beginState(g, t.from, 0, t.fromTs, false, 0);
            if (g.p != 0) {
                beginRun(g, t.fromTs);
            }
        }
        return g;
    }

    @Override
    public void onP(PTransition t) {
        advance(t.ts);
        Track track = carrier(t.p, t.m);
        if (t.from == PState.BLOCKED) {
            end(track, Track.CARRIER_BLOCKED, null, t.ts, null);
        }
        if (t.to == PState.BLOCKED) {
            begin(track, Track.CARRIER_BLOCKED, t.ts, "carrier blocked", args.clear().add("m", t.m), 0);
        } else if (t.to == PState.IDLE) {
            endAll(track, t.ts);
        }
    }

    @Override
    public void aliveAtEnd(GTransition t) {
        advance(t.ts);
        if (find(t) == null && t.from != GState.NOT_EXIST) {
            // Never changed state during the trace: one slice for all of it.
            G g = newG(t);
            g.state = t.from;
            beginState(g, t.from, 0, t.fromTs, false, 0);
        }
    }

    @Override
    public void finish(long endTs) {
        long end = Math.max(endTs, lastTs);
        advance(end);
        flushCounters();
        if (windowOpen && !windowClosed) {
            closeAll(end);
        }
        try {
            sink.finish(end);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- goroutines

    private G find(GTransition t) {
        int s = t.slot;
        if (s >= 0 && s < bySlot.length) {
            G g = bySlot[s];
            if (g != null && g.id == t.g) {
                return g;
            }
        }
        return gs.get(t.g);
    }

    private G newG(GTransition t) {
        String name = t.cause == EventType.GO_CREATE ? tables.string(t.str) : "";
        String start = t.cause == EventType.GO_CREATE ? startLocation(t.stack) : "";
        String trackName = name.isEmpty() ? "G" + t.g : "G" + t.g + " " + name;
        String label = start.isEmpty() ? trackName : trackName + " · " + start;
        String f = options.filter();
        boolean kept = (options.keepThreads() == null || options.keepThreads().contains(t.g))
                && (f == null || f.isEmpty() || name.contains(f) || start.contains(f) || label.contains(f));
        G g = new G(t.g, label, kept);
        if (kept) {
            // made now rather than on the first wake-up: allocated next to the thread's other
            // objects, it shares their cache lines on every wake-up that follows
            g.unblockName = new InternedName("unblock G" + t.g);
            g.track = new Track(uuid(t.g, TAG_G), vthreads, Track.Kind.GOROUTINE, trackName, name, nextGRank++, t.g);
        }
        gs.put(t.g, g);
        int s = t.slot;
        if (s >= 0 && s < 1 << 24) {
            if (s >= bySlot.length) {
                bySlot = java.util.Arrays.copyOf(bySlot, Math.max(2 * bySlot.length, s + 1));
            }
            bySlot[s] = g;
            g.slot = s;
        }
        return g;
    }

    // (the steps below are out of onG, which stays small enough for the JIT to compile as one)

    /** Ends the slices that transition {@code t} of thread {@code g} ends: its state, its run or pinned span. */
    private void closeEnded(G g, GTransition t, boolean isRunning) {
        long ts = t.ts;
        if (g.track != null) {
            endInnermost(g.track, Track.STATE, ts);
        }
        if (g.p != 0) {
            Track pt = carrier(g.p, 0);
            if (g.state == GState.PINNED) {
                endInnermost(pt, Track.PINNED, ts);
            }
            if (running(g.state) && (!isRunning || t.p != 0 && t.p != g.p)) {
                endInnermost(pt, Track.RUN, ts);
                g.p = 0;
            }
        }
    }

    /** The pinned span on the carrier of {@code g}, which transition {@code t} pins. */
    private void beginPinned(G g, GTransition t) {
        begin(carrier(g.p, 0), Track.PINNED, t.ts, PINNED[PinReason.byCode(t.reason).code()], args.clear(), 0);
    }

    /** A created thread's "created" marker, and the flow from its creator; returns the flow id, 0 for none. */
    private long created(G g, GTransition t, long ts) {
        args.clear().add("creator", t.by);
        if (g.label.length() > g.track.name.length()) {
            args.add("start location", g.label.substring(g.track.name.length() + 3));
        }
        instant(g.track, ts, "created", args.stack("stack", stack(t.stack)), 0);
        if (t.by == 0) {
            return 0;
        }
        if (g.createName == null) {
            g.createName = new InternedName("create G" + g.id);
        }
        return flowFrom(t.by, ts, g.createName);
    }

    /** A thread that ended: its regions closed, its "ended" marker; it is forgotten. */
    private void ended(G g, long ts) {
        if (g.track != null) {
            if (g.regions != null) {
                endAll(g.regions, ts);
            }
            flushCounters();
            instant(g.track, ts, "ended", args.clear(), 0);
        }
        gs.remove(g.id);
        if (g.slot >= 0 && bySlot[g.slot] == g) {
            bySlot[g.slot] = null;
        }
    }

    private void beginState(G g, GState state, int reason, long ts, boolean known, long flowIn) {
        beginState(g, state, reason, ts, known, flowIn, null);
    }

    /**
     * The state slice that {@code t} begins (null: a state dated back, without arguments). One
     * method, its arguments included: above the JIT's limit for inlining hot methods, so it is
     * always one call from {@link #onG}, never a call or not depending on what was compiled first.
     */
    private void beginState(G g, GState state, int reason, long ts, boolean known, long flowIn, GTransition t) {
        if (g.track == null) {
            return;
        }
        args.clear();
        InternedName name = switch (state) {
            case RUNNABLE -> runnableName;
            case RUNNING -> runningName;
            case WAITING -> known ? blockedNames[BlockReason.byCode(reason).code()] : blockedName;
            case PINNED -> known ? pinnedNames[PinReason.byCode(reason).code()] : pinnedName;
            case NOT_EXIST -> throw new AssertionError("invariant violation: no slice for NOT_EXIST");
        };
        if (t != null) {
            switch (state) {
                case RUNNING, PINNED -> args.stack("stack", stack(t.stack));
                case WAITING -> {
                    args.add("blocker", t.str == 0 ? "" : tables.string(t.str)); // string(0) is ""
                    args.stack("stack", stack(t.stack));
                }
                case RUNNABLE -> {
                    if (t.cause == EventType.GO_UNBLOCK) {
                        args.add(wokenByKey, t.by).add(howKey, unblockKinds[UnblockKind.byCode(t.reason).code()]);
                        args.stack("stack", stack(t.stack));
                    } else if (t.cause == EventType.GO_SCHED) {
                        args.add("how", "yield");
                    }
                }
                default -> {}
            }
        }
        begin(g.track, Track.STATE, ts, name, args, flowIn);
    }

    private void beginRun(G g, long ts) {
        Track t = carrier(g.p, eventIsStart ? eventM : 0);
        boolean emit = windowOpen && !windowClosed;
        t.push(Track.RUN, g.label, emit);
        if (emit) {
            describe(t);
            try {
                sink.begin(t, Math.max(ts, options.fromNs()), g.runName, args.clear(), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Starts a flow on the track of thread {@code by}; returns its id, or 0 if none was emitted. */
    private long flowFrom(long by, long ts, InternedName what) {
        if (by == 0) {
            return 0;
        }
        Track src = threadTrack(by);
        if (src == null) {
            return 0;
        }
        long id = ++nextFlow;
        return instant(src, ts, what, args.clear(), id) ? id : 0;
    }

    /** The track for events of thread {@code id}: its goroutine track, a platform-thread track, or null if filtered out. */
    private Track threadTrack(long id) {
        G g = gs.get(id);
        if (g != null) {
            return g.track;
        }
        return otherThreads.computeIfAbsent(id,
                k -> new Track(uuid(k, TAG_M), others, Track.Kind.OTHER_THREAD, "thread " + k, "", otherThreads.size(), k));
    }

    /**
     * The track of carrier {@code p}, created on first use and named "P<p> (M<m>)" when its
     * platform thread {@code m} is known then (0: not known), else "P<p>".
     */
    private Track carrier(long p, long m) {
        int i = (int) p - 1;
        Track t = i < ps.length ? ps[i] : null;
        return t != null ? t : newCarrier(p, m);
    }

    private Track newCarrier(long p, long m) {
        int i = (int) p - 1;
        if (i >= ps.length) {
            ps = java.util.Arrays.copyOf(ps, Math.max(2 * ps.length, i + 1));
        }
        String name = m != 0 ? "P" + p + " (M" + m + ")" : "P" + p;
        Track t = new Track(uuid(p, TAG_P), carriers, Track.Kind.CARRIER, name, "P" + p, (int) p, p);
        ps[i] = t;
        return t;
    }

    private static boolean running(GState s) {
        return s == GState.RUNNING || s == GState.PINNED;
    }

    private long stack(long id) {
        return options.stacks() ? id : 0;
    }

    private String startLocation(long stackId) {
        Stack s = stackId == 0 ? null : tables.stack(stackId);
        if (s == null || s.frames().isEmpty()) {
            return "";
        }
        Stack.StackFrame pick = s.frames().get(0);
        for (Stack.StackFrame f : s.frames()) {
            String c = f.className();
            if (!c.startsWith("java.") && !c.startsWith("jdk.") && !c.startsWith("sun.")) {
                pick = f;
                break;
            }
        }
        String c = pick.className();
        return c.substring(c.lastIndexOf('.') + 1) + "." + pick.methodName();
    }

    // ---------------------------------------------------------------- counters

    /** The counter slot of each {@link GState} (by ordinal), -1 for NOT_EXIST. */
    private static final int[] COUNTER_OF = new int[GState.values().length];

    static {
        for (GState s : GState.values()) {
            COUNTER_OF[s.ordinal()] = switch (s) {
                case RUNNABLE -> C_RUNNABLE;
                case RUNNING -> C_RUNNING;
                case WAITING -> C_BLOCKED;
                case PINNED -> C_PINNED;
                case NOT_EXIST -> -1;
            };
        }
    }

    /**
     * A thread moved from counter slot {@code from} to slot {@code to} (-1: none, not alive or
     * not counted yet). The live count is touched only when it changes, so a flush does not
     * compare it for nothing on every transition.
     */
    private void count(int from, int to, long ts) {
        if (from >= 0) {
            setCounter(from, counterValues[from] - 1, ts);
        }
        if (to >= 0) {
            setCounter(to, counterValues[to] + 1, ts);
        }
        if (from < 0 != to < 0) {
            setCounter(C_LIVE, counterValues[C_LIVE] + (to >= 0 ? 1 : -1), ts);
        }
    }

    private void setCounter(int i, long value, long ts) {
        counterValues[i] = value;
        dirtyCounters |= 1 << i;
        countersDirty = true;
        countersTs = ts;
    }

    private void flushCounters() {
        if (!countersDirty) {
            return;
        }
        countersDirty = false;
        if (!windowOpen || windowClosed) {
            return;
        }
        emitCounters(Math.max(countersTs, options.fromNs()));
    }

    private void emitCounters(long ts) {
        int changed = 0;
        // only the counters set since the last time can differ from what the sink has
        for (int m = dirtyCounters; m != 0; m &= m - 1) {
            int i = Integer.numberOfTrailingZeros(m);
            if (counterValues[i] != emittedCounters[i] && (i != C_HEAP || counterValues[i] != 0)) {
                describe(counterTracks[i]);
                changed |= 1 << i;
                emittedCounters[i] = counterValues[i];
            }
        }
        dirtyCounters = 0;
        if (changed != 0) {
            // the sink reads them from our arrays by bit: no copy into a list of its own first
            try {
                sink.counters(ts, counterTracks, counterValues, changed);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    // ---------------------------------------------------------------- window and slices

    private void advance(long ts) {
        if (countersDirty && ts > countersTs) {
            flushCounters();
        }
        if (ts >= nextWindowEdge) {
            crossWindowEdge(ts);
        }
        if (ts > lastTs) {
            lastTs = ts;
        }
    }

    /** Opens or closes the window as {@code ts} requires; sets {@link #nextWindowEdge} to where it next changes. */
    private void crossWindowEdge(long ts) {
        if (!windowOpen && ts >= options.fromNs()) {
            openWindow();
        }
        if (windowOpen && !windowClosed && ts > options.toNs()) {
            closeAll(options.toNs());
            windowClosed = true;
        }
        if (!windowOpen) {
            nextWindowEdge = options.fromNs();
        } else if (!windowClosed && options.toNs() < Long.MAX_VALUE) {
            nextWindowEdge = options.toNs() + 1;
        } else {
            nextWindowEdge = Long.MAX_VALUE; // (a timestamp of MAX_VALUE only checks again)
        }
    }

    /** Emits, at the window start, every slice that began before it. */
    private void openWindow() {
        windowOpen = true;
        long from = options.fromNs();
        for (Track t : allTracks()) {
            for (int i = 0; i < t.depth; i++) {
                if (!t.emitted(i)) {
                    emitBegin(t, from, t.name(i), args.clear(), 0);
                    t.setEmitted(i, true);
                }
            }
        }
        dirtyCounters = (1 << counterValues.length) - 1;
        emitCounters(from);
        countersDirty = false;
    }

    /** Ends, at {@code ts}, every emitted slice (and terminates pending flows), leaving the stacks as they are. */
    private void closeAll(long ts) {
        gs.forEachValue(g -> {
            if (g.pendingFlow != 0 && g.track != null) {
                describe(g.track);
                try {
                    sink.begin(g.track, ts, "(woken, not run before the end)", args.clear(), g.pendingFlow);
                    sink.end(g.track, ts, null);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                g.pendingFlow = 0;
            }
        });
        for (Track t : allTracks()) {
            for (int i = t.depth - 1; i >= 0; i--) {
                if (t.emitted(i)) {
                    emitEnd(t, ts, null);
                    t.setEmitted(i, false);
                }
            }
        }
    }

    private List<Track> allTracks() {
        List<Track> all = new ArrayList<>();
        for (Track t : ps) {
            if (t != null) {
                all.add(t);
            }
        }
        all.add(gc);
        gs.forEachValue(g -> {
            if (g.track != null) {
                all.add(g.track);
                if (g.regions != null) {
                    all.add(g.regions);
                }
            }
        });
        all.addAll(otherThreads.values());
        all.addAll(tasks.values());
        return all;
    }

    private void begin(Track t, byte kind, long ts, String name, Args a, long flowIn) {
        boolean emit = windowOpen && !windowClosed;
        t.push(kind, name, emit);
        if (emit) {
            emitBegin(t, Math.max(ts, options.fromNs()), name, a, flowIn);
        }
    }

    private void begin(Track t, byte kind, long ts, InternedName name, Args a, long flowIn) {
        boolean emit = windowOpen && !windowClosed;
        t.push(kind, name.text, emit);
        if (emit) {
            describe(t);
            try {
                sink.begin(t, Math.max(ts, options.fromNs()), name, a, flowIn);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Closes the innermost open slice of this kind (and name, if not null) and all inside it. */
    private void end(Track t, byte kind, String name, long ts, Args a) {
        int i = t.find(kind, name);
        if (i < 0) {
            return;
        }
        while (t.depth > i) {
            t.depth--;
            if (t.emitted(t.depth)) {
                emitEnd(t, ts, t.depth == i ? a : null);
            }
        }
    }

    /**
     * {@link #end} without arguments, for the slices a transition ends (a thread's state, a run,
     * a pinned span), which are nearly always the innermost of their track: that case takes no
     * search, in a method small enough to be inlined into the transition.
     */
    private void endInnermost(Track t, byte kind, long ts) {
        if (t.innermostIs(kind)) {
            t.depth--;
            if (t.emitted(t.depth)) {
                emitEnd(t, ts, null);
            }
        } else {
            end(t, kind, null, ts, null);
        }
    }

    private void endAll(Track t, long ts) {
        while (t.depth > 0) {
            t.depth--;
            if (t.emitted(t.depth)) {
                emitEnd(t, ts, null);
            }
        }
    }

    private boolean instant(Track t, long ts, String name, Args a, long flowOut) {
        if (!windowOpen || windowClosed) {
            return false;
        }
        describe(t);
        try {
            sink.instant(t, ts, name, a, flowOut);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    private boolean instant(Track t, long ts, InternedName name, Args a, long flowOut) {
        if (!windowOpen || windowClosed) {
            return false;
        }
        describe(t);
        try {
            sink.instant(t, ts, name, a, flowOut);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    private void emitBegin(Track t, long ts, String name, Args a, long flowIn) {
        describe(t);
        try {
            sink.begin(t, ts, name, a, flowIn);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void emitEnd(Track t, long ts, Args a) {
        try {
            sink.end(t, ts, a);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void describe(Track t) {
        if (t.described) {
            return;
        }
        if (t.parent != null) {
            describe(t.parent);
        }
        t.described = true;
        try {
            sink.track(t);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
