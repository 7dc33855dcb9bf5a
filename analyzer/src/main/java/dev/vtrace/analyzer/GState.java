package dev.vtrace.analyzer;

/** The state of a goroutine (virtual thread), as in Go's {@code internal/trace.GoState}. */
public enum GState {
    /** Not created yet, or ended. */
    NOT_EXIST,
    /** Ready to run, waiting for a carrier (created, unblocked or yielded). */
    RUNNABLE,
    /** Mounted on a carrier (P) and running. */
    RUNNING,
    /** Parked and unmounted, for a {@link dev.vtrace.format.BlockReason}. */
    WAITING,
    /** Blocked while pinned: it holds its carrier (Go's Syscall), for a {@link dev.vtrace.format.PinReason}. */
    PINNED
}
