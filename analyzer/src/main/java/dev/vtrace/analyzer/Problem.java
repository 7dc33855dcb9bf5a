package dev.vtrace.analyzer;

/**
 * Something in the stream that cannot be true: an event that does not fit the thread's state
 * (a GoStart of a thread that is already running), or events that cannot be put in order. They
 * are counted and shown, never silently fixed; on traces from vtrace's own recorder there should
 * be none.
 *
 * @param ts timestamp of the offending event
 * @param g the goroutine concerned, 0 if none
 * @param what one line: what was expected, what was found
 */
public record Problem(long ts, long g, String what) {}
