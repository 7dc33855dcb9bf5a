package dev.vtrace.format.reader;

/**
 * Where one events frame is and what it covers, without its events: enough to merge batches of
 * many threads in time order while holding only a few of them in memory.
 *
 * @param offset file offset of the frame, for {@link TraceReader#readAt(long)}
 * @param m the thread that wrote it
 * @param firstTs timestamp of its first event
 * @param lastTs timestamp of its last event
 * @param count number of events
 * @param droppedBefore events that thread dropped just before it
 */
public record BatchRef(long offset, long m, long firstTs, long lastTs, int count, long droppedBefore) {}
