package dev.vtrace.analyzer;

import dev.vtrace.format.BlockReason;
import dev.vtrace.format.EventType;
import dev.vtrace.format.PinReason;
import dev.vtrace.format.UnblockKind;
import dev.vtrace.format.reader.Stack;
import dev.vtrace.format.reader.TraceTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The full life of one virtual thread (Go's per-goroutine view, {@code trace goroutine}): every
 * state transition with its time, how long the previous state lasted, the P, the reason, the
 * waker or creator and the stack recorded with it. Memory grows with that thread's transitions.
 */
public final class GoroutineHistory implements TraceConsumer {
    /**
     * One transition.
     *
     * @param ts when, ns after the trace epoch
     * @param from state before
     * @param fromTs when the state before began
     * @param inferred whether the state before was inferred (alive at the trace start)
     * @param to state after
     * @param cause the event ("GoStart", ...); "end of trace" for the last state of a live thread
     * @param p the P it ran on or runs on, 0 if none
     * @param reason block / pin reason or unblock kind label, "" if none
     * @param by the waker (GoUnblock) or creator (GoCreate), 0 if none or unknown
     * @param name the thread's name (GoCreate only), else ""
     * @param stack the stack recorded with the event, innermost first; empty if none
     */
    public record Step(long ts, GState from, long fromTs, boolean inferred, GState to, String cause, long p, String reason,
            long by, String name, List<String> stack) {
        /** How long the state before lasted, ns. */
        public long durationNs() {
            return ts - fromTs;
        }
    }

    private final long g;
    private final List<Step> steps = new ArrayList<>();
    private TraceTables tables;
    private long startTs;

    /** Follows thread {@code g} ({@code Thread.threadId()}). */
    public GoroutineHistory(long g) {
        this.g = g;
    }

    /** Streams a trace file and returns the history of thread {@code g}. */
    public static GoroutineHistory run(Path trace, long g) throws IOException {
        GoroutineHistory h = new GoroutineHistory(g);
        OrderedStream.run(trace, h);
        return h;
    }

    @Override
    public void start(TraceMeta meta) {
        tables = meta.tables();
        startTs = meta.startTs();
    }

    @Override
    public void onG(GTransition t) {
        if (t.g == g) {
            add(t, goName(t.cause));
        }
    }

    @Override
    public void aliveAtEnd(GTransition t) {
        if (t.g == g) {
            add(t, "end of trace");
        }
    }

    private void add(GTransition t, String cause) {
        String reason = "";
        if (t.cause == EventType.GO_UNBLOCK) {
            reason = UnblockKind.byCode(t.reason).label();
        } else if (t.to == GState.WAITING) {
            reason = BlockReason.byCode(t.reason).label();
            if (t.str != 0) {
                reason += " on " + tables.string(t.str);
            }
        } else if (t.to == GState.PINNED) {
            reason = PinReason.byCode(t.reason).label();
        }
        List<String> stack = new ArrayList<>();
        Stack st = tables.stack(t.stack);
        if (st != null) {
            st.frames().forEach(f -> stack.add(f.toString()));
        }
        steps.add(new Step(t.ts, t.from, t.fromTs, t.inferred(), t.to, cause, t.p, reason, t.by,
                t.cause == EventType.GO_CREATE ? tables.string(t.str) : "", List.copyOf(stack)));
    }

    private static String goName(EventType t) {
        return switch (t) {
            case GO_CREATE -> "GoCreate";
            case GO_START -> "GoStart";
            case GO_BLOCK -> "GoBlock";
            case GO_UNBLOCK -> "GoUnblock";
            case GO_SCHED -> "GoSched";
            case GO_END -> "GoEnd";
            case GO_PINNED_BLOCK -> "GoPinnedBlock";
            case GO_PINNED_UNBLOCK -> "GoPinnedUnblock";
            default -> t.name();
        };
    }

    /** The thread followed. */
    public long g() {
        return g;
    }

    /** Its transitions in order; empty if the trace never names it. */
    public List<Step> steps() {
        return List.copyOf(steps);
    }

    /** Whether the trace names the thread at all. */
    public boolean found() {
        return !steps.isEmpty();
    }

    /** Writes the history as text: one line per transition, times relative to the trace start. */
    public void text(Appendable out) {
        StringBuilder sb = new StringBuilder();
        sb.append("G").append(g);
        steps.stream().filter(s -> !s.name().isEmpty()).findFirst().ifPresent(s -> sb.append(" \"").append(s.name()).append('"'));
        sb.append(": ").append(steps.size()).append(" transitions\n");
        sb.append(String.format(Locale.US, "%14s  %-16s %-10s → %-10s %12s  %-4s %s%n", "time", "event", "from", "to",
                "(lasted)", "P", "details"));
        long exec = 0;
        long wait = 0;
        long blocked = 0;
        long pinned = 0;
        for (Step s : steps) {
            StringBuilder d = new StringBuilder(s.reason());
            if (s.by() != 0) {
                d.append(d.isEmpty() ? "" : ", ").append(s.cause().equals("GoCreate") ? "created by" : "woken by")
                        .append(" thread ").append(s.by());
            }
            if (s.inferred()) {
                d.append(d.isEmpty() ? "" : ", ").append("state before inferred: alive at the trace start");
            }
            sb.append(String.format(Locale.US, "%14s  %-16s %-10s → %-10s %12s  %-4s %s%n", "+" + ReportWriter.dur(s.ts() - startTs),
                    s.cause(), s.from(), s.to(), s.from() == GState.NOT_EXIST ? "" : "(" + ReportWriter.dur(s.durationNs()) + ")",
                    s.p() == 0 ? "" : "P" + s.p(), d));
            for (String f : s.stack()) {
                sb.append("                  at ").append(f).append('\n');
            }
            switch (s.from()) {
                case RUNNING -> exec += s.durationNs();
                case RUNNABLE -> wait += s.durationNs();
                case WAITING -> blocked += s.durationNs();
                case PINNED -> pinned += s.durationNs();
                case NOT_EXIST -> { }
            }
        }
        sb.append(String.format(Locale.US, "total: execution %s, sched wait %s, blocked %s, pinned %s%n", ReportWriter.dur(exec),
                ReportWriter.dur(wait), ReportWriter.dur(blocked), ReportWriter.dur(pinned)));
        try {
            out.append(sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
