package dev.vtrace.format;

/**
 * Why a virtual thread that blocked stayed on its carrier (the argument of
 * {@link EventType#GO_PINNED_BLOCK}): {@code jdk.internal.vm.Continuation.Pinned} plus the
 * pinned waits that only the JVM sees (reported through JFR's {@code jdk.VirtualThreadPinned}).
 */
public enum PinReason {
    UNKNOWN(0, "unknown"),
    /** A native frame is on the continuation's stack (JNI, FFM upcall). */
    NATIVE(1, "native frame"),
    /** A monitor is held where unmounting is not supported. */
    MONITOR(2, "monitor held"),
    /** A critical section ({@code Continuation.pin}). */
    CRITICAL_SECTION(3, "critical section"),
    /** An exception was being thrown while yielding. */
    EXCEPTION(4, "exception"),
    /** Blocked inside the VM while pinned (class initialization, pinned monitor enter or wait). */
    IN_VM(5, "in VM");

    private static final PinReason[] BY_CODE = values();

    private final int code;
    private final String label;

    PinReason(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public int code() {
        return code;
    }

    public String label() {
        return label;
    }

    /** The reason with this code; {@link #UNKNOWN} for codes this version does not know. */
    public static PinReason byCode(long code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[(int) code] : UNKNOWN;
    }
}
