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
    GO_CREATE(1, true, "g", "creator", "stack", "name"),
    /** The virtual thread was mounted on carrier {@code p} and runs: Runnable → Running. */
    GO_START(2, true, "g", "p"),
    /** It unmounted because it parked: Running → Waiting(reason). blocker: class name string. */
    GO_BLOCK(3, true, "g", "reason", "stack", "blocker"),
    /** It became runnable again: Waiting → Runnable. waker: thread id (0 unknown). */
    GO_UNBLOCK(4, true, "g", "waker", "kind", "stack"),
    /** It yielded ({@code Thread.yield}): Running → Runnable. */
    GO_SCHED(5, true, "g"),
    /** It terminated: Running → NotExist. */
    GO_END(6, true, "g"),
    /** It blocked while pinned to its carrier, which stays held: Running → Pinned(reason). */
    GO_PINNED_BLOCK(7, true, "g", "reason", "stack"),
    /** The pinned block ended: Pinned → Running. */
    GO_PINNED_UNBLOCK(8, true, "g"),
    /** Carrier {@code p} (platform thread {@code m}) starts looking for work: Idle → Running. */
    PROC_START(9, false, "p", "m"),
    /** Carrier {@code p} went idle (parked waiting for work): Running → Idle. */
    PROC_STOP(10, false, "p"),
    /** Carrier {@code p} blocked (e.g. file I/O) and the pool may compensate: Go's syscall handoff. */
    PROC_BLOCK(11, false, "p"),
    /** Carrier {@code p} returned from its blocking operation. */
    PROC_UNBLOCK(12, false, "p"),
    /** A garbage collection began. name: collector/cause string. */
    GC_BEGIN(13, false, "gc", "name"),
    /** Garbage collection {@code gc} ended; pause: its stop-the-world time in ns. */
    GC_END(14, false, "gc", "pause"),
    /** Heap in use, in bytes, sampled after GC and periodically. */
    HEAP(15, false, "bytes"),
    /** User task {@code task} began on {@code g} (annotation API). parent: 0 for none. */
    TASK_BEGIN(16, true, "g", "task", "parent", "name"),
    /** User task {@code task} ended. */
    TASK_END(17, true, "g", "task"),
    /** A user region began on {@code g}, inside task {@code task} (0 for none). */
    REGION_BEGIN(18, true, "g", "task", "name"),
    /** The innermost user region named {@code name} on {@code g} ended. */
    REGION_END(19, true, "g", "task", "name"),
    /** A user log message on {@code g}. */
    LOG(20, true, "g", "task", "category", "message");

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
