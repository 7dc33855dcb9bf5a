package dev.vtrace.samples;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * A virtual thread started to block somewhere on purpose, and the means to confirm it did. The
 * block-reasons scenarios run it from the platform main thread: start it, wait until it is seen
 * parked or blocked, then release it. Seeing it parked before releasing it is what makes the
 * sample's counts ground truth rather than intentions.
 */
final class Waiter {

    /** The waiter's body; may throw, the failure is rethrown by {@link #finish()}. */
    interface Body {
        void run() throws Exception;
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofNanos(100_000);
    /** A virtual thread shows these only once it has unmounted (parked, blocked, waiting) or is pinned. */
    private static final Set<Thread.State> BLOCKED_STATES =
            EnumSet.of(Thread.State.WAITING, Thread.State.TIMED_WAITING, Thread.State.BLOCKED);

    private final Thread thread;
    private volatile Throwable failure;

    private Waiter(String name, Body body) {
        thread = Thread.ofVirtual().name(name).unstarted(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failure = t;
            }
        });
    }

    static Waiter start(String name, Body body) {
        Waiter waiter = new Waiter(name, body);
        waiter.thread.start();
        return waiter;
    }

    Thread thread() {
        return thread;
    }

    /** Polls until the thread is parked, blocked or waiting; fails if it never gets there. */
    void awaitBlocked() throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!BLOCKED_STATES.contains(thread.getState())) {
            if (failure != null || !thread.isAlive()) {
                throw new IllegalStateException(thread.getName() + " ended before it blocked", failure);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(thread.getName() + " did not block within " + TIMEOUT
                        + "; state " + thread.getState());
            }
            Thread.sleep(POLL);
        }
    }

    /** Waits for the thread to end and rethrows what it threw. */
    void finish() throws InterruptedException {
        if (!thread.join(TIMEOUT)) {
            throw new IllegalStateException(thread.getName() + " still running after " + TIMEOUT
                    + "; state " + thread.getState());
        }
        if (failure != null) {
            throw new IllegalStateException(thread.getName() + " failed", failure);
        }
    }
}
