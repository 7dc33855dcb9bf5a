package dev.vtrace.samples;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Exchanger;
import java.util.concurrent.Phaser;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The block-reasons scenarios for the JDK's synchronizers and monitors, one method per reason. Each
 * is run by the platform main thread and makes one virtual thread, named by the caller, block exactly
 * there once (confirmed with {@link Waiter#awaitBlocked()}) before main releases it. Main being a
 * platform thread keeps the trace's blocked G's to the ones named here.
 */
final class SyncBlocks {

    /** How long the sleep scenario sleeps: long enough to be seen asleep, short enough not to matter. */
    static final int SLEEP_MS = 20;

    private SyncBlocks() {
    }

    static void sleep(String name) throws InterruptedException {
        Waiter sleeper = Waiter.start(name, () -> Thread.sleep(SLEEP_MS));
        sleeper.awaitBlocked();
        sleeper.finish();
    }

    static void reentrantLockContention(String name) throws InterruptedException {
        ReentrantLock lock = new ReentrantLock();
        lock.lock();
        Waiter waiter;
        try {
            waiter = Waiter.start(name, () -> {
                lock.lock();
                lock.unlock();
            });
            waiter.awaitBlocked();
            if (!lock.hasQueuedThread(waiter.thread())) {
                throw new IllegalStateException(name + " blocked somewhere other than the lock");
            }
        } finally {
            lock.unlock();
        }
        waiter.finish();
    }

    static void conditionAwait(String name) throws InterruptedException {
        ReentrantLock lock = new ReentrantLock();
        Condition ready = lock.newCondition();
        boolean[] signalled = {false};
        Waiter waiter = Waiter.start(name, () -> {
            lock.lock();
            try {
                while (!signalled[0]) {
                    ready.await();
                }
            } finally {
                lock.unlock();
            }
        });
        waiter.awaitBlocked();
        lock.lock();
        try {
            signalled[0] = true;
            ready.signal();
        } finally {
            lock.unlock();
        }
        waiter.finish();
    }

    /** Contended {@code synchronized}: since JEP 491 (JDK 24) the virtual thread unmounts here. */
    static void monitorContention(String name) throws InterruptedException {
        Object monitor = new Object();
        Waiter waiter;
        synchronized (monitor) {
            waiter = Waiter.start(name, () -> {
                synchronized (monitor) {
                    monitor.notifyAll(); // any body will do; this one keeps the block from being optimized away
                }
            });
            waiter.awaitBlocked();
        }
        waiter.finish();
    }

    static void objectWait(String name) throws InterruptedException {
        Object monitor = new Object();
        boolean[] notified = {false};
        Waiter waiter = Waiter.start(name, () -> {
            synchronized (monitor) {
                while (!notified[0]) {
                    monitor.wait();
                }
            }
        });
        waiter.awaitBlocked();
        synchronized (monitor) {
            notified[0] = true;
            monitor.notifyAll();
        }
        waiter.finish();
    }

    static void queueTakeFromEmpty(String name) throws InterruptedException {
        BlockingQueue<String> queue = new ArrayBlockingQueue<>(1);
        Waiter taker = Waiter.start(name, queue::take);
        taker.awaitBlocked();
        queue.put("item");
        taker.finish();
    }

    static void queuePutIntoFull(String name) throws InterruptedException {
        BlockingQueue<String> queue = new ArrayBlockingQueue<>(1);
        queue.put("fills the queue");
        Waiter putter = Waiter.start(name, () -> queue.put("waits for room"));
        putter.awaitBlocked();
        queue.take();
        putter.finish();
    }

    static void futureGet(String name) throws InterruptedException {
        CompletableFuture<String> future = new CompletableFuture<>();
        Waiter getter = Waiter.start(name, future::get);
        getter.awaitBlocked();
        future.complete("done");
        getter.finish();
    }

    static void latchAwait(String name) throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(1);
        Waiter waiter = Waiter.start(name, latch::await);
        waiter.awaitBlocked();
        latch.countDown();
        waiter.finish();
    }

    static void barrierAwait(String name) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(2);
        Waiter waiter = Waiter.start(name, barrier::await);
        waiter.awaitBlocked();
        barrier.await(); // main arrives last and trips the barrier without waiting
        waiter.finish();
    }

    static void phaserAwait(String name) throws InterruptedException {
        Phaser phaser = new Phaser(2);
        Waiter waiter = Waiter.start(name, phaser::arriveAndAwaitAdvance);
        waiter.awaitBlocked();
        phaser.arrive(); // the last arrival advances the phase and wakes the waiter
        waiter.finish();
    }

    static void semaphoreAcquire(String name) throws InterruptedException {
        Semaphore permits = new Semaphore(0);
        Waiter waiter = Waiter.start(name, permits::acquire);
        waiter.awaitBlocked();
        permits.release();
        waiter.finish();
    }

    static void exchange(String name) throws InterruptedException {
        Exchanger<String> exchanger = new Exchanger<>();
        Waiter waiter = Waiter.start(name, () -> exchanger.exchange("from " + name));
        waiter.awaitBlocked();
        exchanger.exchange("from main"); // the partner is waiting: this one completes at once
        waiter.finish();
    }

    /**
     * {@code Thread.join} on a virtual thread. The joined thread itself waits on a latch until main
     * lets it end; it is named {@code helper-<name>}, so its own (latch) block is not counted as a join.
     */
    static void threadJoin(String name) throws InterruptedException {
        CountDownLatch letTargetEnd = new CountDownLatch(1);
        Waiter target = Waiter.start("helper-" + name, letTargetEnd::await);
        Waiter joiner = Waiter.start(name, () -> target.thread().join());
        joiner.awaitBlocked();
        letTargetEnd.countDown();
        joiner.finish();
        target.finish();
    }

    /** {@code LockSupport.park} with an application-defined blocker: the "other park" reason. */
    static void parkWithBlocker(String name) throws InterruptedException {
        ParkBlocker blocker = new ParkBlocker();
        Waiter parker = Waiter.start(name, () -> {
            while (!blocker.released) {
                LockSupport.park(blocker);
            }
        });
        parker.awaitBlocked();
        blocker.released = true;
        LockSupport.unpark(parker.thread());
        parker.finish();
    }

    /** The blocker object of {@link #parkWithBlocker}; a trace records its class name. */
    static final class ParkBlocker {
        volatile boolean released;
    }
}
