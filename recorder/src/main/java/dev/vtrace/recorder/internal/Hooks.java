package dev.vtrace.recorder.internal;

import static dev.vtrace.recorder.internal.Recorder.*;

import dev.vtrace.format.BlockReason;
import dev.vtrace.format.EventType;
import dev.vtrace.format.PinReason;
import dev.vtrace.format.UnblockKind;
import dev.vtrace.format.writer.EventBuffer;
import java.util.concurrent.locks.LockSupport;
import jdk.internal.misc.CarrierThread;

/**
 * The static methods that the injected bytecode calls (plain {@code invokestatic}, see
 * {@link Instrumenter} for which instruction calls which hook and why there).
 *
 * <p>Rules every hook follows: return at once when the recorder is off; catch every Throwable
 * and count it ({@link Recorder#ERRORS}); compute string and stack ids (which may block) before
 * entering the slot, never while inside it; never park. Hooks marked "parking context" run on a
 * virtual thread whose state is PARKING or YIELDING: they touch only already-initialized classes
 * and plain fields.
 */
public final class Hooks {
    private Hooks() {}

    // java.lang.VirtualThread state values; Instrumenter checks them against the class file.
    static final int NEW = 0;
    static final int STARTED = 1;
    static final int PARKING = 3;
    static final int TIMED_PARKING = 6;
    static final int YIELDING = 10;
    static final int YIELDED = 11;
    static final int BLOCKING = 12;
    static final int WAITING = 15;
    static final int TIMED_WAITING = 17;
    /** CarrierThread.compensating value while the pool compensates. */
    static final int COMPENSATING = 2;

    /** Unblock-site kinds passed by the injected code (UnblockKind codes, or SKIP). */
    static final int SKIP = -1;

    /** Continuation.Pinned ordinal → PinReason code; filled by the Instrumenter from the JDK's enum. */
    static final int[] PIN_BY_ORDINAL = new int[8];

    // --- goroutine life ---

    /** VirtualThread.start(ThreadContainer) entry: GoCreate, on the creating thread. */
    public static void goCreate(Thread vt, int state) {
        if (!on || state != NEW) {
            return;
        }
        try {
            long g = vt.threadId();
            long creator = Thread.currentThread().threadId();
            long name = strings.id(vt.getName());
            long stack = createStacks ? stackId(3) : 0;
            Slot s = slot();
            write4(s, EventType.GO_CREATE, g, creator, stack, name);
        } catch (Throwable t) {
            ERRORS.increment();
        }
    }

    /** VirtualThread.mount() entry (after the CAS to RUNNING), on the carrier: GoStart. */
    public static void goStart(Thread vt) {
        if (!on) {
            return;
        }
        try {
            Slot s = slot();
            int p = p(s);
            write2(s, EventType.GO_START, vt.threadId(), p);
        } catch (Throwable t) {
            ERRORS.increment();
        }
    }

    /**
     * VirtualThread.afterYield() entry, on the carrier after the unmount: GoBlock with the reason
     * decided at park entry, GoBlock(monitor enter / Object.wait), or GoSched.
     */
    public static void afterYield(Thread vt, int state) {
        if (!on) {
            return;
        }
        try {
            long g = vt.threadId();
            Slot s = slot();
            EventType type = EventType.GO_BLOCK;
            int reason;
            long stack = 0;
            long blocker = 0;
            switch (state) {
                case PARKING, TIMED_PARKING -> {
                    if (s.parkTid == g) {
                        reason = s.parkReason;
                        stack = s.parkStack;
                        blocker = s.parkBlocker;
                        s.parkTid = 0;
                    } else {
                        reason = BlockReason.UNKNOWN.code();
                    }
                }
                case BLOCKING -> reason = BlockReason.MONITOR_ENTER.code();
                case WAITING, TIMED_WAITING -> reason = BlockReason.OBJECT_WAIT.code();
                case YIELDING -> {
                    type = EventType.GO_SCHED;
                    reason = 0;
                }
                default -> {
                    return;
                }
            }
            if (type == EventType.GO_SCHED) {
                write1(s, type, g);
            } else {
                write4(s, type, g, reason, stack, blocker);
            }
        } catch (Throwable t) {
            ERRORS.increment();
        }
    }

    /**
     * Before each call of a submit method in VirtualThread (after the state CAS that made the
     * thread runnable): GoUnblock. {@code kind} is fixed per call site by the Instrumenter.
     */
    public static void goUnblock(Thread vt, int state, int kind) {
        if (!on || kind == SKIP || state == STARTED || state == YIELDED) {
            return;
        }
        try {
            long g = vt.threadId();
            long waker;
            if (kind == UnblockKind.SELF.code()) {
                waker = g;
            } else if (kind == UnblockKind.MONITOR.code()) {
                waker = 0; // the VM's unblocker thread acts for the (invisible) monitor owner
            } else {
                waker = Thread.currentThread().threadId();
            }
            Slot s = slot();
            write4(s, EventType.GO_UNBLOCK, g, waker, kind, 0);
        } catch (Throwable t) {
            ERRORS.increment();
        }
    }

    /** VirtualThread.afterDone(boolean) entry: GoEnd. */
    public static void goEnd(Thread vt) {
        if (!on) {
            return;
        }
        try {
            Slot s = slot();
            write1(s, EventType.GO_END, vt.threadId());
        } catch (Throwable t) {
            ERRORS.increment();
        }
    }

    // --- why it parks ---

    /**
     * VirtualThread.park() / parkNanos(long) entry, on the virtual thread (state RUNNING): decides
     * the block reason while the caller's stack and blocker are intact, and leaves it in the
     * carrier's slot for the {@link #afterYield} that follows if the park unmounts.
     */
    public static void parkEntry(Thread vt) {
        if (!on) {
            return;
        }
        try {
            long g = vt.threadId();
            Slot s = slot();
            int reason = 0;
            Object blocker = LockSupport.getBlocker(vt);
            if (s.markTid == g) {
                int m = s.markReason;
                if ((m & CONDITION_ONLY) == 0) {
                    reason = m;
                    s.markTid = 0;
                } else if (blocker != null && isCondition(blocker.getClass())) {
                    // a queue's or barrier's own condition wait; not the lock re-acquire after it
                    reason = m & ~CONDITION_ONLY;
                    s.markTid = 0;
                }
            }
            long blockerId = 0;
            boolean mayHaveMoved = false;
            if (reason == 0) {
                if (blocker == null) {
                    reason = BlockReason.PARK_OTHER.code();
                } else {
                    Class<?> c = blocker.getClass();
                    if (c == s.lastBlockerClass) {
                        reason = s.lastBlockerReason;
                        blockerId = s.lastBlockerId;
                    } else {
                        reason = Blockers.reason(blocker, c);
                        blockerId = strings.id(c.getName());
                        mayHaveMoved = true;
                        if (!Blockers.needsStack(c)) {
                            s = slot();
                            s.lastBlockerClass = c;
                            s.lastBlockerReason = reason;
                            s.lastBlockerId = blockerId;
                        }
                    }
                }
            } else if (blocker != null && isCondition(blocker.getClass())) {
                blockerId = conditionId(blocker.getClass());
            }
            long stack = 0;
            if (blockStacks) {
                stack = stackId(4);
                mayHaveMoved = true;
            }
            if (mayHaveMoved) {
                s = slot(); // string/stack ids may have blocked (and moved us): look the slot up again
            }
            s.parkTid = g;
            s.parkReason = reason;
            s.parkBlocker = blockerId;
            s.parkStack = stack;
        } catch (Throwable t) {
            ERRORS.increment();
        }
    }

    /** Before a park whose reason only the call site knows (sleep, socket poll, join). */
    public static void mark(int reason) {
        if (!on) {
            return;
        }
        try {
            Thread t = Thread.currentThread();
            if (t.isVirtual()) {
                Slot s = slot();
                s.markTid = t.threadId();
                s.markReason = reason;
            }
        } catch (Throwable e) {
            ERRORS.increment();
        }
    }

    /** After such a call: clears a marker that no park consumed. */
    public static void unmark() {
        if (!on) {
            return;
        }
        try {
            Thread t = Thread.currentThread();
            if (t.isVirtual()) {
                Slot s = slot();
                if (s.markTid == t.threadId()) {
                    s.markTid = 0;
                }
            }
        } catch (Throwable e) {
            ERRORS.increment();
        }
    }

    public static void markSleep() {
        mark(BlockReason.SLEEP.code());
    }

    public static void markJoin() {
        mark(BlockReason.JOIN.code());
    }

    public static void markQueueTake() {
        mark(BlockReason.QUEUE_TAKE.code());
    }

    public static void markQueuePut() {
        mark(BlockReason.QUEUE_PUT.code());
    }

    /**
     * Marker flag: the reason applies only to a park whose blocker is an AQS condition (the wait
     * inside {@code Condition.await}), not to the lock re-acquire that may follow it.
     */
    static final int CONDITION_ONLY = 1 << 30;

    private static final Class<?> AQS_CONDITION =
            java.util.concurrent.locks.AbstractQueuedSynchronizer.ConditionObject.class;
    private static final Class<?> AQLS_CONDITION =
            java.util.concurrent.locks.AbstractQueuedLongSynchronizer.ConditionObject.class;
    /** String ids of the two condition class names (the blocker recorded with a marked condition wait). */
    private static long aqsConditionId;
    private static long aqlsConditionId;

    static boolean isCondition(Class<?> c) {
        return c == AQS_CONDITION || c == AQLS_CONDITION;
    }

    private static long conditionId(Class<?> c) {
        long id = c == AQS_CONDITION ? aqsConditionId : aqlsConditionId;
        return id;
    }

    /** Interns the condition class names (Bootstrap, before the hooks are installed). */
    static void initConditionIds() {
        aqsConditionId = strings.id(AQS_CONDITION.getName());
        aqlsConditionId = strings.id(AQLS_CONDITION.getName());
    }

    /** Around Condition.await in LinkedBlockingQueue/ArrayBlockingQueue/... take and poll. */
    public static void markConditionTake() {
        mark(BlockReason.QUEUE_TAKE.code() | CONDITION_ONLY);
    }

    /** Around Condition.await in the blocking queues' put and offer. */
    public static void markConditionPut() {
        mark(BlockReason.QUEUE_PUT.code() | CONDITION_ONLY);
    }

    /** Around Condition.await in CyclicBarrier.dowait. */
    public static void markConditionBarrier() {
        mark(BlockReason.BARRIER.code() | CONDITION_ONLY);
    }

    public static void markNetRead() {
        mark(BlockReason.NET_READ.code());
    }

    public static void markNetWrite() {
        mark(BlockReason.NET_WRITE.code());
    }

    // --- pinned ---

    /** VThreadContinuation.onPinned(Pinned) entry. Parking context: plain field store only. */
    public static void onPinned(Object pinned) {
        if (!on) {
            return;
        }
        try {
            int ord = ((Enum<?>) pinned).ordinal();
            slot().pinReason = ord < PIN_BY_ORDINAL.length ? PIN_BY_ORDINAL[ord] : PinReason.UNKNOWN.code();
        } catch (Throwable t) {
            ERRORS.increment();
        }
    }

    /** VirtualThread.parkOnCarrierThread entry (the yield failed): GoPinnedBlock. */
    public static void pinnedBlock(Thread vt) {
        if (!on) {
            return;
        }
        try {
            long g = vt.threadId();
            long stack = blockStacks ? stackId(3) : 0;
            Slot s = slot();
            int pin = s.pinReason;
            s.pinReason = 0;
            write3(s, EventType.GO_PINNED_BLOCK, g, pin, stack);
        } catch (Throwable t) {
            ERRORS.increment();
        }
    }

    /** VirtualThread.parkOnCarrierThread return: GoPinnedUnblock. */
    public static void pinnedUnblock(Thread vt) {
        if (!on) {
            return;
        }
        try {
            Slot s = slot();
            write1(s, EventType.GO_PINNED_UNBLOCK, vt.threadId());
        } catch (Throwable t) {
            ERRORS.increment();
        }
    }

    // --- carriers ---

    /** ForkJoinPool.awaitWork, before the worker parks: ProcStop (carriers only). */
    public static void procStop() {
        procEvent(EventType.PROC_STOP);
    }

    /** ForkJoinPool.awaitWork, after the worker's park returns: ProcStart. */
    public static void procStart() {
        procEvent(EventType.PROC_START);
    }

    /** CarrierThread.beginBlocking return: ProcBlock when the pool compensates. */
    public static void procBlock(boolean compensating) {
        if (compensating) {
            procEvent(EventType.PROC_BLOCK);
        }
    }

    /** CarrierThread.endBlocking entry: ProcUnblock when compensation ends. */
    public static void procUnblock(int compensating) {
        if (compensating == COMPENSATING) {
            procEvent(EventType.PROC_UNBLOCK);
        }
    }

    private static void procEvent(EventType type) {
        if (!on) {
            return;
        }
        try {
            Slot s = slot();
            if (!(s.thread instanceof CarrierThread)) {
                return;
            }
            int p = p(s);
            if (type == EventType.PROC_START) {
                write2(s, type, p, s.m);
            } else {
                write1(s, type, p);
            }
        } catch (Throwable t) {
            ERRORS.increment();
        }
    }

    // --- generic emission for the API, GC and JFR listeners (never on a parking path) ---

    static void emit(EventType type, long ts, long a0, long a1, long a2, long a3) {
        if (!on) {
            return;
        }
        try {
            Slot s = slot();
            EventBuffer b = buffer(s);
            if (b != null) {
                switch (type.argCount()) {
                    case 0 -> b.event0(type, ts);
                    case 1 -> b.event1(type, ts, a0);
                    case 2 -> b.event2(type, ts, a0, a1);
                    case 3 -> b.event3(type, ts, a0, a1, a2);
                    default -> b.event4(type, ts, a0, a1, a2, a3);
                }
                s.commit(b);
            }
        } catch (Throwable t) {
            ERRORS.increment();
        }
    }
}
