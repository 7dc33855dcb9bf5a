package dev.vtrace.format.writer;

/**
 * The totals written as the {@code TraceFooter} message when a recording ends cleanly.
 *
 * @param endNanos timestamp of the end of the recording, ns after the epoch
 * @param endReason why it ended: "exit", "stop", or "error: ..."
 */
public record FooterInfo(
        long endNanos,
        long eventsWritten,
        long eventsDropped,
        long batchesWritten,
        long batchesDropped,
        String endReason) {}
