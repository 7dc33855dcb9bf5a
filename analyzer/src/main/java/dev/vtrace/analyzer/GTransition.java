package dev.vtrace.analyzer;

import dev.vtrace.format.EventType;

/**
 * A goroutine changed state: the unit the analyzer's consumers work on.
 *
 * <p>A mutable view reused for later transitions (the stream keeps one per cause): read it
 * inside the callback, copy what you keep. Because it carries when the previous state began
 * ({@link #fromTs}), a consumer can emit the whole previous state as one interval without
 * keeping per-thread state of its own.
 */
public final class GTransition {
    /** Goroutine id ({@code Thread.threadId()}). */
    public long g;
    /**
     * A small dense index ≥ 0 of this goroutine, the same for all its transitions while it lives;
     * after its transition to NOT_EXIST (or its {@code aliveAtEnd}) another goroutine may get it.
     * Consumers index their own per-G arrays by it instead of hashing {@link #g}.
     */
    public int slot;
    /** When the transition happened, ns after the trace epoch. */
    public long ts;
    /** State before. */
    public GState from;
    /** When the state before began (the trace start for a thread already alive then). */
    public long fromTs;
    /** State after. */
    public GState to;
    /** The event that caused it. */
    public EventType cause;
    /**
     * P involved: where it runs (to RUNNING or PINNED) or ran (from RUNNING); 0 when none.
     */
    public long p;
    /**
     * Reason code: {@link dev.vtrace.format.BlockReason} when {@code to == WAITING},
     * {@link dev.vtrace.format.PinReason} when {@code to == PINNED},
     * {@link dev.vtrace.format.UnblockKind} when the cause is GO_UNBLOCK; 0 otherwise.
     */
    public int reason;
    /** Thread that caused it: the waker of a GO_UNBLOCK, the creator of a GO_CREATE; 0 when unknown. */
    public long by;
    /** Stack id recorded with the event (0 when none). */
    public long stack;
    /** String id of the blocker's class for WAITING (0 when none) or the name for GO_CREATE. */
    public long str;
    /**
     * The event that began the state before; null when that state was not seen but inferred
     * (a thread already alive at the trace start) or for {@code from == NOT_EXIST}.
     */
    public EventType fromCause;
    /** {@link #reason} of the state before (the block or pin reason of a WAITING or PINNED state); 0 otherwise. */
    public int fromReason;
    /** {@link #stack} of the state before (e.g. where it blocked, for a transition out of WAITING); 0 when none. */
    public long fromStack;
    /** {@link #str} of the state before (the blocker's class of a WAITING state); 0 when none. */
    public long fromStr;

    /** Whether the state before was inferred rather than seen: the thread was alive at the trace start. */
    public boolean inferred() {
        return fromCause == null && from != GState.NOT_EXIST;
    }

    /** Time spent in the state before, ns. */
    public long duration() {
        return ts - fromTs;
    }

    @Override
    public String toString() {
        return ts + " G" + g + " " + from + "→" + to + " (" + cause + ", p=" + p + ", reason=" + reason
                + ", by=" + by + ", since " + fromTs + ")";
    }
}
