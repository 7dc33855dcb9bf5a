package dev.vtrace.recorder.internal;

import dev.vtrace.format.BlockReason;
import java.util.concurrent.Future;
import java.util.concurrent.locks.AbstractOwnableSynchronizer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Decides a park's {@link BlockReason} from its blocker object (what {@code LockSupport.park(blocker)}
 * was given), refined by a short stack walk where the blocker alone is ambiguous.
 *
 * <p>What the JDK 25 primitives pass as blocker: AQS-based synchronizers pass their {@code Sync}
 * (ReentrantLock, ReentrantReadWriteLock, Semaphore, CountDownLatch); {@code Condition.await}
 * passes the AQS {@code ConditionObject}, which is also what ArrayBlockingQueue,
 * LinkedBlockingQueue, LinkedBlockingDeque, PriorityBlockingQueue, DelayQueue and CyclicBarrier
 * wait on; SynchronousQueue and LinkedTransferQueue pass the queue for both takers and putters;
 * FutureTask, Exchanger pass themselves; CompletableFuture its {@code Signaller}; Phaser its
 * {@code QNode}. For the two ambiguous cases (a condition, a transfer queue) the caller's frames
 * decide.
 */
final class Blockers {
    private Blockers() {}

    private static final String JUC = "java.util.concurrent.";

    /** Whether the reason for blockers of class {@code c} depends on the caller's frames. */
    static boolean needsStack(Class<?> c) {
        String n = c.getName();
        return n.equals("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject")
                || n.equals("java.util.concurrent.locks.AbstractQueuedLongSynchronizer$ConditionObject");
    }

    static int reason(Object blocker, Class<?> c) {
        String n = c.getName();
        switch (n) {
            case "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject",
                    "java.util.concurrent.locks.AbstractQueuedLongSynchronizer$ConditionObject" -> {
                return refine(BlockReason.CONDITION.code());
            }
            case "java.util.concurrent.SynchronousQueue",
                    "java.util.concurrent.SynchronousQueue$Transferer",
                    "java.util.concurrent.LinkedTransferQueue" -> {
                // normally decided by the markers in take/put (Instrumenter); reaching here means
                // an unmarked path (a re-park after a spurious wake-up moved carriers)
                return BlockReason.QUEUE_TAKE.code();
            }
            case "java.util.concurrent.CountDownLatch$Sync" -> {
                return BlockReason.LATCH.code();
            }
            case "java.util.concurrent.Semaphore$NonfairSync", "java.util.concurrent.Semaphore$FairSync" -> {
                return BlockReason.SEMAPHORE.code();
            }
            case "java.util.concurrent.Exchanger" -> {
                return BlockReason.EXCHANGER.code();
            }
            case "java.util.concurrent.Phaser", "java.util.concurrent.Phaser$QNode" -> {
                return BlockReason.PHASER.code();
            }
            case "java.util.concurrent.CompletableFuture$Signaller" -> {
                return BlockReason.FUTURE.code();
            }
            default -> {}
        }
        if (n.startsWith("java.util.concurrent.locks.")) {
            return BlockReason.LOCK.code(); // ReentrantLock, ReentrantReadWriteLock, StampedLock syncs
        }
        if (blocker instanceof Future<?>) {
            return BlockReason.FUTURE.code(); // FutureTask, ForkJoinTask and subclasses
        }
        if (blocker instanceof AbstractOwnableSynchronizer) {
            return BlockReason.LOCK.code(); // an application's own AQS
        }
        return BlockReason.PARK_OTHER.code();
    }

    private static final StackWalker WALKER = StackWalker.getInstance();
    private static final Walk WALK = new Walk();

    /** Looks at the first few frames above the JDK's lock machinery for a queue or barrier method. */
    private static int refine(int fallback) {
        int r = WALKER.walk(WALK);
        return r != 0 ? r : fallback;
    }

    /** A named class, not a lambda: injected paths must not spin classes at run time. */
    private static final class Walk implements Function<Stream<StackWalker.StackFrame>, Integer> {
        @Override
        public Integer apply(Stream<StackWalker.StackFrame> frames) {
            var it = frames.limit(24).iterator();
            while (it.hasNext()) {
                StackWalker.StackFrame f = it.next();
                String c = f.getClassName();
                if (!c.startsWith(JUC)) {
                    if (c.startsWith("java.lang.") || c.startsWith("dev.vtrace.recorder.")) {
                        continue; // LockSupport, VirtualThread, Thread, our hook
                    }
                    return 0; // reached the caller: nothing more specific
                }
                switch (c) {
                    case "java.util.concurrent.ArrayBlockingQueue",
                            "java.util.concurrent.LinkedBlockingQueue",
                            "java.util.concurrent.LinkedBlockingDeque",
                            "java.util.concurrent.PriorityBlockingQueue",
                            "java.util.concurrent.DelayQueue",
                            "java.util.concurrent.SynchronousQueue",
                            "java.util.concurrent.LinkedTransferQueue",
                            "java.util.concurrent.ArrayBlockingQueue$Itr" -> {
                        String m = f.getMethodName();
                        if (m.startsWith("take") || m.startsWith("poll")) {
                            return BlockReason.QUEUE_TAKE.code();
                        }
                        if (m.startsWith("put") || m.startsWith("offer") || m.startsWith("transfer")
                                || m.startsWith("tryTransfer")) {
                            return BlockReason.QUEUE_PUT.code();
                        }
                    }
                    case "java.util.concurrent.CyclicBarrier" -> {
                        return BlockReason.BARRIER.code();
                    }
                    default -> {}
                }
            }
            return 0;
        }
    }
}
