package dev.vtrace.format;

/**
 * The wire code of each {@link EventType} as a compile-time constant, so that a hot loop can
 * switch on the code word of a record ({@code reader.Event#code()}) directly: a switch on the
 * enum looks the type up, reads its ordinal and maps that again.
 */
public final class EventCodes {
    public static final int GO_CREATE = 1;
    public static final int GO_START = 2;
    public static final int GO_BLOCK = 3;
    public static final int GO_UNBLOCK = 4;
    public static final int GO_SCHED = 5;
    public static final int GO_END = 6;
    public static final int GO_PINNED_BLOCK = 7;
    public static final int GO_PINNED_UNBLOCK = 8;
    public static final int PROC_START = 9;
    public static final int PROC_STOP = 10;
    public static final int PROC_BLOCK = 11;
    public static final int PROC_UNBLOCK = 12;
    public static final int GC_BEGIN = 13;
    public static final int GC_END = 14;
    public static final int HEAP = 15;
    public static final int TASK_BEGIN = 16;
    public static final int TASK_END = 17;
    public static final int REGION_BEGIN = 18;
    public static final int REGION_END = 19;
    public static final int LOG = 20;

    private EventCodes() {}
}
