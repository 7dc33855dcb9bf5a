package dev.vtrace.format;

/** How a blocked virtual thread became runnable (the argument of {@link EventType#GO_UNBLOCK}). */
public enum UnblockKind {
    /** {@code LockSupport.unpark} by the waker thread (lock release, signal, queue hand-off...). */
    UNPARK(0, "unpark"),
    /** A timed park, sleep or wait expired (the waker is the timer thread). */
    TIMEOUT(1, "timeout"),
    /** Released from a monitor enter or {@code Object.wait} by the VM (the releasing thread is not visible). */
    MONITOR(2, "monitor"),
    /** The permit arrived while the thread was still parking: it re-submitted itself. */
    SELF(3, "self");

    private static final UnblockKind[] BY_CODE = values();

    private final int code;
    private final String label;

    UnblockKind(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public int code() {
        return code;
    }

    public String label() {
        return label;
    }

    /** The kind with this code; {@link #UNPARK} for codes this version does not know. */
    public static UnblockKind byCode(long code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[(int) code] : UNPARK;
    }
}
