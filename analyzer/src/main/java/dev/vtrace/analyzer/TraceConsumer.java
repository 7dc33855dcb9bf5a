package dev.vtrace.analyzer;

import dev.vtrace.format.reader.Damage;
import dev.vtrace.format.reader.Event;

/**
 * Receives the ordered, state-reconstructed stream of a trace in one streaming pass
 * ({@link OrderedStream#run}). All callbacks come from one thread, in timestamp order; the
 * objects passed are reused views (copy what you keep).
 *
 * <p>Order for one event: {@link #onEvent} first (every event, GC, heap and annotations
 * included), then the transitions it causes.
 */
public interface TraceConsumer {
    /** Called once before any event. */
    default void start(TraceMeta meta) {}

    /** Every event, in order. */
    default void onEvent(Event e) {}

    /** A goroutine changed state. */
    default void onG(GTransition t) {}

    /** A P changed state. */
    default void onP(PTransition t) {}

    /** An event that does not fit; the stream goes on. */
    default void onProblem(Problem p) {}

    /**
     * After the last event, once per goroutine still alive: {@code from} is its last state,
     * {@code fromTs} when it began, {@code ts} the end of the trace, {@code to == from} and
     * {@code cause == null}. Lets open intervals be closed and leaks be found.
     */
    default void aliveAtEnd(GTransition t) {}

    /**
     * After the last event, once per P seen (in P order): {@code from} is its last state,
     * {@code fromTs} when it began, {@code ts} the end of the trace, {@code to == from}.
     */
    default void pAtEnd(PTransition t) {}

    /**
     * A batch that passed its checksums during indexing but could not be decoded, found while
     * streaming; the events before the damage were streamed. Damage known before streaming is
     * in {@link TraceMeta#damage()}.
     */
    default void onDamage(Damage d) {}

    /** Called once after everything else; {@code endTs} is the end of the trace. */
    default void finish(long endTs) {}
}
