package dev.vtrace.analyzer;

import dev.vtrace.format.EventCodes;
import dev.vtrace.format.EventType;
import dev.vtrace.format.reader.BatchRef;
import dev.vtrace.format.reader.Damage;
import dev.vtrace.format.reader.Event;
import dev.vtrace.format.reader.EventRecord;
import dev.vtrace.format.reader.TraceIndex;
import dev.vtrace.format.reader.TraceReader;
import dev.vtrace.format.proto.TraceFooter;
import dev.vtrace.analyzer.internal.EventMerger;
import dev.vtrace.analyzer.internal.GSlots;
import dev.vtrace.analyzer.internal.LongIntMap;
import dev.vtrace.analyzer.internal.MergedChunk;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Orders the events of a trace across the batches of all threads and reconstructs the state of
 * every goroutine (virtual thread) and P (carrier), in one streaming pass.
 *
 * <p>The algorithm:
 * <ol>
 *   <li>Index the file ({@link TraceIndex#build}, without decoding events): every intact events
 *       frame becomes a {@link BatchRef} with its [firstTs, lastTs]; tables, header and damage
 *       are known before the first event.
 *   <li>Sort the batches by (firstTs, file offset): the pending list.
 *   <li>K-way merge. The open batches sit in a min-heap keyed by their next event: (ts, causal
 *       rank of its type, M, file offset). Before taking the heap's minimum, open every pending
 *       batch whose firstTs ≤ that minimum (or the first pending one if none is open): no event
 *       of an unopened batch can then precede it. Reading, inflating, decoding and this merge
 *       run on a second thread ({@link EventMerger}), a few thousand events ahead of the state
 *       machines, so memory is bounded by the batches that overlap in time, not by events.
 *   <li>Equal timestamps are broken by causal rank (proc start, create, the events that end a
 *       run — block, yield, end, pinned —, unblock, start, proc stop) so that, at one ns,
 *       GoCreate &lt; GoUnblock &lt; GoStart and GoBlock &lt; GoUnblock; then by M, then by file
 *       offset. Events of one batch keep their order.
 *   <li>Each event goes to every consumer ({@link TraceConsumer#onEvent}), then drives the
 *       per-G machine (NotExist → Runnable → Running → Waiting(reason) / Pinned / Runnable(yield)
 *       → NotExist) and the per-P machine (Idle / Running / Blocked); each change is emitted
 *       with the time its previous state began. A G or P first seen mid-life gets the state the
 *       event requires, inferred since the trace start ({@link GTransition#inferred()}).
 *   <li>An event that does not fit the current state is reported as a {@link Problem} and then
 *       applied, with the state actually found as {@code from}: nothing is dropped or fixed
 *       silently. A batch that fails to decode is reported as damage; its earlier events count.
 *   <li>At the end, every live G and every P is reported once ({@link TraceConsumer#aliveAtEnd},
 *       {@link TraceConsumer#pAtEnd}), then {@link TraceConsumer#finish}.
 * </ol>
 *
 * <p>Memory: the open batches and the few loaded ahead (each its payload and decoded events), a
 * slot per live G and per P.
 */
public final class OrderedStream {
    private static final GState[] G_STATES = GState.values();

    private final TraceReader mainReader;
    private final TraceIndex index;
    private final TraceConsumer[] consumers;
    /** The consumer when there is exactly one (the usual case): called directly per event and transition. */
    private final TraceConsumer single;
    private final long startTs;
    private final long endTs;

    /** The event being dispatched: filled from the merged stream's records. */
    private final Event ev = new Event();

    // --- goroutines: by the slot the merge labelled each goroutine event with (GSlots) ---
    /** The label of the event being dispatched: its G's slot, GSlots.FIRST at a G's first event (and ENDED with it for an ended G). */
    private long label;
    /**
     * Per-G state, one 64-byte record per slot (8 longs at {@code slot << 3}), so a transition
     * touches one record of it: since, P, stack, state ordinal, reason, cause (ordinal + 1, 0 for
     * none), str; word 0 is free (the G's id is the merge's to keep: {@link GSlots}).
     */
    private long[] gs = new long[1024 << 3];
    private static final int G_SINCE = 1, G_P = 2, G_STACK = 3, G_STATE = 4, G_REASON = 5, G_CAUSE = 6, G_STR = 7;
    private static final EventType[] TYPES = EventType.values();

    private static EventType cause(long v) {
        return v == 0 ? null : TYPES[(int) v - 1];
    }

    // --- Ps: dense ids ---
    private PState[] pState = new PState[16];
    private long[] pSince = new long[16];
    private long[] pM = new long[16];
    private long[] pG = new long[16];
    private final LongIntMap mToP = new LongIntMap(64);
    /**
     * The last (M, P) pair put into {@link #mToP} per M (direct-mapped by M's low bits), so that
     * the put of every GoStart and P event is skipped when the M is still on the same P — the
     * usual case; a hash probe per event otherwise. Every put goes through here, so a pair here
     * is in the map; P ids are ≥ 1, so the initial (0, 0) pairs match nothing.
     */
    private final long[] lastM = new long[M_CACHE];
    private final int[] lastP = new int[M_CACHE];
    private static final int M_CACHE = 64;

    /** The view of the transitions at the end. */
    private final GTransition gt = new GTransition();
    /**
     * The views of the transitions by cause (event code), with their {@code cause} and
     * {@code to} set once (the cause decides the state after, see {@link #dispatch}): two
     * reference stores less per transition, each a GC write barrier.
     */
    private final GTransition[] byCause = new GTransition[EventType.MAX_CODE + 1];
    private final PTransition pt = new PTransition();

    private OrderedStream(TraceReader reader, TraceIndex index, TraceConsumer[] consumers) {
        this.mainReader = reader;
        this.index = index;
        this.consumers = consumers.clone();
        this.single = consumers.length == 1 ? consumers[0] : null;
        view(EventType.GO_CREATE, GState.RUNNABLE);
        view(EventType.GO_START, GState.RUNNING);
        view(EventType.GO_BLOCK, GState.WAITING);
        view(EventType.GO_UNBLOCK, GState.RUNNABLE);
        view(EventType.GO_SCHED, GState.RUNNABLE);
        view(EventType.GO_END, GState.NOT_EXIST);
        view(EventType.GO_PINNED_BLOCK, GState.PINNED);
        view(EventType.GO_PINNED_UNBLOCK, GState.RUNNING);
        for (EventType t : EventType.values()) {
            if ((byCause[t.code()] != null) != GSlots.labels(t.code())) {
                throw new AssertionError("invariant violation: the merge labels " + t + " with a slot: "
                        + GSlots.labels(t.code()) + ", the G state machine takes it: " + (byCause[t.code()] != null));
            }
        }
        long start = index.minTs();
        long end = index.maxTs();
        if (start == Long.MAX_VALUE) {
            start = 0;
            end = 0;
        }
        TraceFooter footer = index.footer();
        if (footer != null && footer.getEndNanos() > end) {
            end = footer.getEndNanos();
        }
        this.startTs = start;
        this.endTs = end;
    }

    /**
     * Streams the trace at {@code trace} to the consumers, in one pass.
     *
     * @throws dev.vtrace.format.reader.TraceFormatException if the file is not a vtrace trace
     * @throws IOException if it cannot be read (damage inside the file never throws)
     */
    public static void run(Path trace, TraceConsumer... consumers) throws IOException {
        try (TraceReader r = TraceReader.open(trace)) {
            TraceIndex ix = TraceIndex.build(r, false);
            run(r, ix, consumers);
        }
    }

    /**
     * Streams an already indexed trace. The reader stays open (and its {@code next()} position
     * unchanged); further readers on {@link TraceReader#path()} are opened and closed here.
     */
    public static void run(TraceReader reader, TraceIndex index, TraceConsumer... consumers) throws IOException {
        new OrderedStream(reader, index, consumers).pump();
    }

    private void pump() throws IOException {
        List<Damage> damage = index.damage();
        TraceFooter footer = index.footer();
        long dropped = index.droppedInBatches();
        if (footer != null) {
            dropped = Math.max(dropped, footer.getEventsDropped());
        }
        TraceMeta meta = new TraceMeta(mainReader.path().getFileName().toString(), index.header(), index.tables(),
                startTs, endTs, dropped, damage, footer != null);
        for (TraceConsumer c : consumers) {
            c.start(meta);
        }
        GSlots slots;
        try (EventMerger merger = new EventMerger(mainReader.path(), index.batches())) {
            MergedChunk chunk;
            while ((chunk = merger.next()) != null) {
                consume(chunk);
                merger.recycle(chunk);
            }
            slots = merger.slots();
        }
        atEnd(slots);
    }

    /** Dispatches the events of one merged chunk, and its damage markers where they fall. */
    private void consume(MergedChunk chunk) {
        long[] w = chunk.words();
        int end = chunk.end();
        Event e = ev;
        for (int at = 0; at < end; at += EventRecord.WORDS) {
            if (w[at + EventRecord.CODE] == MergedChunk.DAMAGE) {
                damage(chunk.damage((int) w[at + EventRecord.TS]));
            } else {
                label = w[at + EventRecord.SPARE];
                EventRecord.view(w, at, e);
                dispatch(e);
            }
        }
    }

    private void damage(Damage d) {
        for (TraceConsumer c : consumers) {
            c.onDamage(d);
        }
    }

    // ------------------------------------------------------------------ state machines

    /**
     * Hands one event to the consumers and to the state machines. Small, so that the JIT inlines
     * it into {@link #consume}: what a rare event needs is in methods of its own.
     */
    private void dispatch(Event e) {
        if (single != null) {
            single.onEvent(e);
        } else {
            eventToAll(e);
        }
        switch (e.code()) {
            case EventCodes.GO_CREATE -> g(e, GState.NOT_EXIST, GState.RUNNABLE, 0, 0, e.arg(1), e.arg(2), e.arg(3));
            case EventCodes.GO_START -> goStart(e);
            case EventCodes.GO_BLOCK -> g(e, GState.RUNNING, GState.WAITING, 0, (int) e.arg(1), 0, e.arg(2), e.arg(3));
            case EventCodes.GO_UNBLOCK -> g(e, GState.WAITING, GState.RUNNABLE, 0, (int) e.arg(2), e.arg(1), e.arg(3), 0);
            case EventCodes.GO_SCHED -> g(e, GState.RUNNING, GState.RUNNABLE);
            case EventCodes.GO_END -> g(e, GState.RUNNING, GState.NOT_EXIST);
            case EventCodes.GO_PINNED_BLOCK -> g(e, GState.RUNNING, GState.PINNED, 0, (int) e.arg(1), 0, e.arg(2), 0);
            case EventCodes.GO_PINNED_UNBLOCK -> g(e, GState.PINNED, GState.RUNNING);
            case EventCodes.PROC_START, EventCodes.PROC_STOP, EventCodes.PROC_BLOCK, EventCodes.PROC_UNBLOCK ->
                    proc(e);
            default -> { } // GC, heap, task, region and log events change no G or P state
        }
    }

    private void eventToAll(Event e) {
        for (TraceConsumer c : consumers) {
            c.onEvent(e);
        }
    }

    /** A P event; apart from {@link #dispatch} to keep that small enough for the JIT to inline it. */
    private void proc(Event e) {
        switch (e.type()) {
            case PROC_START -> {
                p(e, e.arg(0), PState.IDLE, PState.RUNNING);
                if (e.arg(1) != 0) {
                    pM[slotOfP(e.arg(0))] = e.arg(1);
                }
            }
            case PROC_STOP -> p(e, e.arg(0), PState.RUNNING, PState.IDLE);
            case PROC_BLOCK -> p(e, e.arg(0), PState.RUNNING, PState.BLOCKED);
            case PROC_UNBLOCK -> p(e, e.arg(0), PState.BLOCKED, PState.RUNNING);
            default -> throw new AssertionError("invariant violation: not a P event: " + e.type());
        }
    }

    private void goStart(Event e) {
        long p = e.arg(1);
        if (p > 0) {
            int ps = slotOfP(p);
            if (pState[ps] == null) {
                // first seen running a thread: a carrier that had not gone idle yet
                pState[ps] = PState.IDLE;
                pSince[ps] = startTs;
                pM[ps] = e.m();
                emitP(e.ts(), p, PState.RUNNING);
            } else if (pState[ps] != PState.RUNNING) {
                problem(e.ts(), e.g(), "GoStart of G" + e.g() + " on P" + p + ": expected the P running, found it "
                        + pState[ps] + " since " + pSince[ps]);
                emitP(e.ts(), p, PState.RUNNING);
            }
            if (pG[ps] != 0 && pG[ps] != e.g()) {
                problem(e.ts(), e.g(), "GoStart of G" + e.g() + " on P" + p + ": expected the P free, found G"
                        + pG[ps] + " on it");
            }
            pG[ps] = e.g();
            mOnP(e.m(), (int) p);
        }
        g(e, GState.RUNNABLE, GState.RUNNING, p, 0, 0, 0, 0);
    }

    /** A goroutine event without reason, waker, stack or string. */
    private void g(Event e, GState need, GState to) {
        g(e, need, to, 0, 0, 0, 0, 0);
    }

    /**
     * One goroutine event: checks that G is in state {@code need}, emits the transition to
     * {@code to} and records the new state. What only a first sighting, a problem or an end
     * needs is out of line, so that this stays one compiled unit with the consumer's onG.
     */
    private void g(Event e, GState need, GState to, long p, int reason, long by, long stack, long str) {
        long g = e.g();
        long label = this.label;
        int s = GSlots.slot(label);
        int b = s << 3;
        if ((label & GSlots.FIRST) != 0) {
            firstSeen(e, g, need, s, (label & GSlots.ENDED) != 0);
        } else if (gs[b + G_STATE] != need.ordinal()) {
            unexpected(e, g, need, s);
        }
        long[] gs = this.gs;
        GState from = G_STATES[(int) gs[b + G_STATE]];
        long oldP = gs[b + G_P];
        long newP = to == GState.RUNNING ? (p != 0 ? p : oldP != 0 ? oldP : pOfM(e.m()))
                : to == GState.PINNED ? oldP : 0;
        boolean wasOn = from == GState.RUNNING || from == GState.PINNED;
        GTransition t = byCause[e.code()];
        assert t.to == to : "the view of " + e.type() + " goes to " + t.to + ", dispatch to " + to;
        t.g = g;
        t.slot = s;
        t.ts = e.ts();
        // The two reference fields are stored only when they change: a reference store is a GC
        // write barrier (a dozen instructions), and per cause they seldom change — GoStart comes
        // from RUNNABLE, GoBlock from RUNNING. ≈ +6 % per event (paired rounds, docs/analyzer.md round 7).
        if (t.from != from) {
            t.from = from;
        }
        t.fromTs = gs[b + G_SINCE];
        t.p = newP != 0 ? newP : wasOn ? oldP : 0;
        t.reason = reason;
        t.by = by;
        t.stack = stack;
        t.str = str;
        EventType fc = cause(gs[b + G_CAUSE]);
        if (t.fromCause != fc) {
            t.fromCause = fc;
        }
        t.fromReason = (int) gs[b + G_REASON];
        t.fromStack = gs[b + G_STACK];
        t.fromStr = gs[b + G_STR];
        if (wasOn && newP == 0) {
            leaveP(oldP, g);
        }
        if (to != GState.NOT_EXIST) { // an ended G keeps no state: the merge retired its slot and id (GSlots)
            gs[b + G_STATE] = to.ordinal();
            gs[b + G_SINCE] = t.ts;
            gs[b + G_P] = newP;
            gs[b + G_REASON] = reason;
            gs[b + G_STACK] = stack;
            gs[b + G_CAUSE] = t.cause.ordinal() + 1;
            gs[b + G_STR] = str;
        }
        if (single != null) {
            single.onG(t);
        } else {
            for (TraceConsumer c : consumers) {
                c.onG(t);
            }
        }
    }

    /**
     * G {@code g}, not seen before, in slot {@code s}: in the state {@code need} since the trace
     * start (first seen mid-life), or NOT_EXIST when {@code need} is or it ended earlier
     * ({@code gone}: a problem, thread ids are not reused).
     */
    private void firstSeen(Event e, long g, GState need, int s, boolean gone) {
        int b = s << 3;
        if (b >= gs.length) {
            gs = Arrays.copyOf(gs, Math.max(b + 8, gs.length * 2));
        }
        if (gone) {
            problem(e.ts(), g, e.type() + " of G" + g + ": expected it " + need + ", found it ended earlier"
                    + " (thread ids are not reused)");
        }
        GState st = gone ? GState.NOT_EXIST : need;
        gs[b + G_STATE] = st.ordinal();
        gs[b + G_SINCE] = startTs;
        gs[b + G_P] = st == GState.RUNNING || st == GState.PINNED ? pOfM(e.m()) : 0;
        gs[b + G_REASON] = 0;
        gs[b + G_STACK] = 0;
        gs[b + G_CAUSE] = 0;
        gs[b + G_STR] = 0;
    }

    private void unexpected(Event e, long g, GState need, int s) {
        int b = s << 3;
        problem(e.ts(), g, e.type() + " of G" + g + ": expected it " + need + ", found it "
                + G_STATES[(int) gs[b + G_STATE]] + " since " + gs[b + G_SINCE]);
    }

    /** G {@code g} left P {@code p} (unmounted): the P is free unless another G took it meanwhile. */
    private void leaveP(long p, long g) {
        if (p > 0 && p < pG.length && pG[(int) p] == g) {
            pG[(int) p] = 0;
        }
    }

    private void p(Event e, long p, PState need, PState to) {
        if (p <= 0) {
            problem(e.ts(), 0, e.type() + " names P" + p + ": expected a P id ≥ 1");
            return;
        }
        int ps = slotOfP(p);
        if (pState[ps] == null) {
            pState[ps] = need;
            pSince[ps] = startTs;
            pM[ps] = e.m();
        } else if (pState[ps] != need) {
            problem(e.ts(), 0, e.type() + " of P" + p + ": expected it " + need + ", found it " + pState[ps]
                    + " since " + pSince[ps]);
        }
        mOnP(e.m(), (int) p);
        emitP(e.ts(), p, to);
    }

    private void emitP(long ts, long p, PState to) {
        int ps = (int) p;
        PTransition t = pt;
        t.p = p;
        t.m = pM[ps];
        t.ts = ts;
        t.from = pState[ps];
        t.fromTs = pSince[ps];
        t.to = to;
        pState[ps] = to;
        pSince[ps] = ts;
        if (single != null) {
            single.onP(t);
        } else {
            for (TraceConsumer c : consumers) {
                c.onP(t);
            }
        }
    }

    private void view(EventType cause, GState to) {
        GTransition t = byCause[cause.code()] = new GTransition();
        t.cause = cause;
        t.to = to;
    }

    private int slotOfP(long p) {
        if (p >= pState.length) {
            int n = (int) Math.max(p + 1, pState.length * 2L);
            pState = Arrays.copyOf(pState, n);
            pSince = Arrays.copyOf(pSince, n);
            pM = Arrays.copyOf(pM, n);
            pG = Arrays.copyOf(pG, n);
        }
        return (int) p;
    }

    /** M {@code m} runs P {@code p} (≥ 1). */
    private void mOnP(long m, int p) {
        int i = (int) m & (M_CACHE - 1);
        if (lastM[i] != m || lastP[i] != p) {
            mToP.put(m, p);
            lastM[i] = m;
            lastP[i] = p;
        }
    }

    private long pOfM(long m) {
        int p = mToP.get(m);
        return p < 0 ? 0 : p;
    }

    private void problem(long ts, long g, String what) {
        Problem pr = new Problem(ts, g, what);
        for (TraceConsumer c : consumers) {
            c.onProblem(pr);
        }
    }

    private void atEnd(GSlots slots) {
        // live goroutines, in id order so output is deterministic
        long[] live = new long[slots.live()];
        int n = 0;
        for (int s = 0; s < slots.size(); s++) {
            if (slots.live(s)) {
                live[n++] = slots.id(s);
            }
        }
        Arrays.sort(live, 0, n);
        GTransition t = gt;
        for (int i = 0; i < n; i++) {
            int s = slots.slotOf(live[i]);
            int b = s << 3;
            GState st = G_STATES[(int) gs[b + G_STATE]];
            t.g = live[i];
            t.slot = s;
            t.ts = endTs;
            t.from = st;
            t.fromTs = gs[b + G_SINCE];
            t.to = st;
            t.cause = null;
            t.p = gs[b + G_P];
            t.reason = (int) gs[b + G_REASON];
            t.by = 0;
            t.stack = gs[b + G_STACK];
            t.str = 0;
            t.fromCause = cause(gs[b + G_CAUSE]);
            t.fromReason = (int) gs[b + G_REASON];
            t.fromStack = gs[b + G_STACK];
            t.fromStr = gs[b + G_STR];
            for (TraceConsumer c : consumers) {
                c.aliveAtEnd(t);
            }
        }
        PTransition pt = this.pt;
        for (int p = 1; p < pState.length; p++) {
            if (pState[p] != null) {
                pt.p = p;
                pt.m = pM[p];
                pt.ts = endTs;
                pt.from = pState[p];
                pt.fromTs = pSince[p];
                pt.to = pState[p];
                for (TraceConsumer c : consumers) {
                    c.pAtEnd(pt);
                }
            }
        }
        for (TraceConsumer c : consumers) {
            c.finish(endTs);
        }
    }
}
