package dev.vtrace.format;

import java.util.List;

/**
 * The event vocabulary of a vtrace trace: one row per event type, in Go's words.
 *
 * <p>Every event is encoded as a type byte (its {@link #code()} in the low 5 bits, how many
 * trailing zero arguments were left out in the high 3), an unsigned varint timestamp delta
 * (ns since the previous event of the same batch), then its arguments as unsigned LEB128
 * varints in the order {@link #args()} lists them. If an event names a goroutine, the goroutine
 * is its first argument and is written as a zigzag delta from the previous event's goroutine in
 * the batch ({@link #firstArgIsG()}), which keeps runs of events about one thread small.
 *
 * <p>Argument conventions: G and M ids are {@code Thread.threadId()} values; P ids are dense,
 * 1-based carrier numbers; string and stack ids are 1-based references into the string and stack
 * tables (0 means none); reasons are codes of {@link BlockReason}, {@link PinReason} and
 * {@link UnblockKind}.
 *
 * <p>Update docs/format.md (the table there is checked by a test) whenever a row changes. Codes
 * are never reused: a reader skips nothing inside a batch, so a new event type means a new
 * format version.
 */
public enum EventType {
    // code, G-first, args
    /** A virtual thread was started ({@code Thread.start}): NotExist → Runnable. */
    GO_CREATE(EventCodes.GO_CREATE, true, "g", "creator", "stack", "name"),
    /** The virtual thread was mounted on carrier {@code p} and runs: Runnable → Running. */
    GO_START(EventCodes.GO_START, true, "g", "p"),
    /** It unmounted because it parked: Running → Waiting(reason). blocker: class name string. */
    GO_BLOCK(EventCodes.GO_BLOCK, true, "g", "reason", "stack", "blocker"),
    /** It became runnable again: Waiting → Runnable. waker: thread id (0 unknown). */
    GO_UNBLOCK(EventCodes.GO_UNBLOCK, true, "g", "waker", "kind", "stack"),
    /** It yielded ({@code Thread.yield}): Running → Runnable. */
    GO_SCHED(EventCodes.GO_SCHED, true, "g"),
    /** It terminated: Running → NotExist. */
    GO_END(EventCodes.GO_END, true, "g"),
    /** It blocked while pinned to its carrier, which stays held: Running → Pinned(reason). */
    GO_PINNED_BLOCK(EventCodes.GO_PINNED_BLOCK, true, "g", "reason", "stack"),
    /** The pinned block ended: Pinned → Running. */
    GO_PINNED_UNBLOCK(EventCodes.GO_PINNED_UNBLOCK, true, "g"),
    /** Carrier {@code p} (platform thread {@code m}) starts looking for work: Idle → Running. */
    PROC_START(EventCodes.PROC_START, false, "p", "m"),
    /** Carrier {@code p} went idle (parked waiting for work): Running → Idle. */
    PROC_STOP(EventCodes.PROC_STOP, false, "p"),
    /** Carrier {@code p} blocked (e.g. file I/O) and the pool may compensate: Go's syscall handoff. */
    PROC_BLOCK(EventCodes.PROC_BLOCK, false, "p"),
    /** Carrier {@code p} returned from its blocking operation. */
    PROC_UNBLOCK(EventCodes.PROC_UNBLOCK, false, "p"),
    /** A garbage collection began. name: collector/cause string. */
    GC_BEGIN(EventCodes.GC_BEGIN, false, "gc", "name"),
    /** Garbage collection {@code gc} ended; pause: its stop-the-world time in ns. */
    GC_END(EventCodes.GC_END, false, "gc", "pause"),
    /** Heap in use, in bytes, sampled after GC and periodically. */
    HEAP(EventCodes.HEAP, false, "bytes"),
    /** User task {@code task} began on {@code g} (annotation API). parent: 0 for none. */
    TASK_BEGIN(EventCodes.TASK_BEGIN, true, "g", "task", "parent", "name"),
    /** User task {@code task} ended. */
    TASK_END(EventCodes.TASK_END, true, "g", "task"),
    /** A user region began on {@code g}, inside task {@code task} (0 for none). */
    REGION_BEGIN(EventCodes.REGION_BEGIN, true, "g", "task", "name"),
    /** The innermost user region named {@code name} on {@code g} ended. */
    REGION_END(EventCodes.REGION_END, true, "g", "task", "name"),
    /** A user log message on {@code g}. */
    LOG(EventCodes.LOG, true, "g", "task", "category", "message");

    /** Largest code in use; codes index {@link #byCode(int)}. Codes must stay below 32 (5 bits). */
    public static final int MAX_CODE = 20;
    /** Most arguments any event has. */
    public static final int MAX_ARGS = 4;

    private static final EventType[] BY_CODE = new EventType[MAX_CODE + 1];

    static {
        for (EventType t : values()) {
            if (BY_CODE[t.code] != null) {
                throw new AssertionError("duplicate event code " + t.code);
            }
            BY_CODE[t.code] = t;
        }
    }

    private final byte code;
    private final boolean firstArgIsG;
    private final List<String> args;

    EventType(int code, boolean firstArgIsG, String... args) {
        this.code = (byte) code;
        this.firstArgIsG = firstArgIsG;
        this.args = List.of(args);
    }

    /** The byte that identifies this type on the wire. */
    public byte code() {
        return code;
    }

    /** Argument names in wire order; never null. */
    public List<String> args() {
        return args;
    }

    /** Number of arguments after the timestamp. */
    public int argCount() {
        return args.size();
    }

    /** Whether argument 0 is a goroutine id, delta-encoded against the previous one. */
    public boolean firstArgIsG() {
        return firstArgIsG;
    }

    /** The type with this wire code, or null if the code is unknown. */
    public static EventType byCode(int code) {
        return code >= 0 && code <= MAX_CODE ? BY_CODE[code] : null;
    }
}
