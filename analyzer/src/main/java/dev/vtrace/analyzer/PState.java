package dev.vtrace.analyzer;

/** The state of a P (a carrier slot of the virtual-thread scheduler). */
public enum PState {
    /** Parked, waiting for work. */
    IDLE,
    /** Looking for or running virtual threads. */
    RUNNING,
    /** Its carrier thread is blocked (e.g. file I/O) and the pool may have compensated. */
    BLOCKED
}
