package dev.vtrace.format;

/**
 * Why a virtual thread parked (the argument of {@link EventType#GO_BLOCK}): Go's gopark reasons
 * translated to the JDK's blocking primitives. Codes are wire values and are never reused.
 */
public enum BlockReason {
    /** The recorder could not tell (an old trace or an unexpected path). */
    UNKNOWN(0, "unknown"),
    /** {@code Thread.sleep}. */
    SLEEP(1, "sleep"),
    /** A {@code java.util.concurrent.locks} lock (ReentrantLock, ReadWriteLock, other AQS). */
    LOCK(2, "lock"),
    /** {@code Condition.await}. */
    CONDITION(3, "condition"),
    /** Entering a contended {@code synchronized} monitor (unmounted, JEP 491). */
    MONITOR_ENTER(4, "monitor enter"),
    /** {@code Object.wait}. */
    OBJECT_WAIT(5, "Object.wait"),
    /** Taking from an empty blocking queue (or a SynchronousQueue hand-off). */
    QUEUE_TAKE(6, "queue take"),
    /** Putting into a full blocking queue. */
    QUEUE_PUT(7, "queue put"),
    /** {@code Future.get} / {@code CompletableFuture.join}. */
    FUTURE(8, "future get"),
    /** {@code CountDownLatch.await}. */
    LATCH(9, "latch"),
    /** {@code CyclicBarrier.await}. */
    BARRIER(10, "barrier"),
    /** {@code Phaser} arrive-and-await. */
    PHASER(11, "phaser"),
    /** {@code Semaphore.acquire}. */
    SEMAPHORE(12, "semaphore"),
    /** {@code Thread.join}. */
    JOIN(13, "join"),
    /** Waiting for a socket to become readable. */
    NET_READ(14, "network read"),
    /** Waiting for a socket to become writable. */
    NET_WRITE(15, "network write"),
    /** {@code LockSupport.park} with another blocker; the blocker's class is recorded. */
    PARK_OTHER(16, "park"),
    /** {@code Exchanger.exchange}. */
    EXCHANGER(17, "exchanger");

    private static final BlockReason[] BY_CODE = new BlockReason[18];

    static {
        for (BlockReason r : values()) {
            BY_CODE[r.code] = r;
        }
    }

    private final int code;
    private final String label;

    BlockReason(int code, String label) {
        this.code = code;
        this.label = label;
    }

    /** Wire code. */
    public int code() {
        return code;
    }

    /** Short human label, as reports print it (Go style: "sleep", "network read"). */
    public String label() {
        return label;
    }

    /** The reason with this code; {@link #UNKNOWN} for codes this version does not know. */
    public static BlockReason byCode(long code) {
        return code >= 0 && code < BY_CODE.length && BY_CODE[(int) code] != null ? BY_CODE[(int) code] : UNKNOWN;
    }
}
