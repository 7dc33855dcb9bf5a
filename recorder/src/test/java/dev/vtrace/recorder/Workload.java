package dev.vtrace.recorder;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Exchanger;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Phaser;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Workloads with ground truth, run in a separate JVM by the *IT tests. Every virtual thread is
 * named "{group}-{i}"; each group blocks in exactly one known way exactly once per thread (the
 * party that releases it first waits until the thread is really parked). Stdout carries only
 * deterministic lines, so it must be identical with and without the agent.
 *
 * <p>Usage: {@code Workload ground <exitCode>} | {@code Workload forever}
 */
public final class Workload {
    static final int SLEEPERS = 40;
    static final int LOCKERS = 12;
    static final int WAITERS = 8;
    static final int MONITORS = 8;
    static final int TAKERS = 6;
    static final int READERS = 5;
    static final int YIELDERS = 10;

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "ground" -> {
                ground();
                System.out.flush();
                System.exit(Integer.parseInt(args[1]));
            }
            case "forever" -> forever();
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void ground() throws Exception {
        List<Thread> all = new ArrayList<>();
        // sleep
        for (int i = 0; i < SLEEPERS; i++) {
            all.add(vt("sleep-" + i, () -> Thread.sleep(3)));
        }
        joinAll(all);
        // contended ReentrantLock: the holder lets go only once the contender is parked
        ReentrantLock lock = new ReentrantLock();
        for (int i = 0; i < LOCKERS; i++) {
            lock.lock();
            Thread t = vt("lock-" + i, () -> {
                lock.lock();
                lock.unlock();
            });
            awaitParked(t);
            lock.unlock();
            t.join();
        }
        // Object.wait / notify
        Object mon = new Object();
        for (int i = 0; i < WAITERS; i++) {
            boolean[] flag = {false};
            Thread t = vt("wait-" + i, () -> {
                synchronized (mon) {
                    while (!flag[0]) {
                        mon.wait();
                    }
                }
            });
            awaitState(t, Thread.State.WAITING);
            synchronized (mon) {
                flag[0] = true;
                mon.notify();
            }
            t.join();
        }
        // monitor enter: a holder on another virtual thread, a contender that must block
        for (int i = 0; i < MONITORS; i++) {
            Object m = new Object();
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread holder = vt("holder-" + i, () -> {
                synchronized (m) {
                    held.countDown();
                    release.await();
                }
            });
            held.await();
            Thread t = vt("monitor-" + i, () -> {
                synchronized (m) {
                    m.hashCode();
                }
            });
            awaitState(t, Thread.State.BLOCKED);
            release.countDown();
            t.join();
            holder.join();
        }
        // queue hand-offs: SynchronousQueue take, LinkedBlockingQueue take, ArrayBlockingQueue put
        for (int i = 0; i < TAKERS; i++) {
            SynchronousQueue<Integer> sq = new SynchronousQueue<>();
            Thread t = vt("sqtake-" + i, sq::take);
            awaitParked(t);
            sq.put(i);
            t.join();
            LinkedBlockingQueue<Integer> lbq = new LinkedBlockingQueue<>();
            Thread t2 = vt("lbqtake-" + i, lbq::take);
            awaitParked(t2);
            lbq.put(i);
            t2.join();
            ArrayBlockingQueue<Integer> abq = new ArrayBlockingQueue<>(1);
            abq.put(0);
            Thread t3 = vt("abqput-" + i, () -> abq.put(1));
            awaitParked(t3);
            abq.take();
            t3.join();
        }
        // j.u.c. waits, one thread each
        CountDownLatch latch = new CountDownLatch(1);
        Thread tl = vt("latch-0", latch::await);
        awaitParked(tl);
        latch.countDown();
        tl.join();
        Semaphore sem = new Semaphore(0);
        Thread ts = vt("semaphore-0", sem::acquire);
        awaitParked(ts);
        sem.release();
        ts.join();
        FutureTask<Integer> ft = new FutureTask<>(() -> 1);
        Thread tf = vt("future-0", ft::get);
        awaitParked(tf);
        ft.run();
        tf.join();
        CompletableFuture<Integer> cf = new CompletableFuture<>();
        Thread tc = vt("future-1", cf::get);
        awaitParked(tc);
        cf.complete(1);
        tc.join();
        CyclicBarrier barrier = new CyclicBarrier(2);
        Thread tb = vt("barrier-0", barrier::await);
        awaitParked(tb);
        barrier.await();
        tb.join();
        Exchanger<Integer> ex = new Exchanger<>();
        Thread te = vt("exchanger-0", () -> ex.exchange(1));
        awaitParked(te);
        ex.exchange(2);
        te.join();
        Phaser ph = new Phaser(2);
        Thread tp = vt("phaser-0", () -> ph.arriveAndAwaitAdvance());
        awaitParked(tp);
        ph.arriveAndAwaitAdvance();
        tp.join();
        ReentrantLock cl = new ReentrantLock();
        Condition cond = cl.newCondition();
        boolean[] ready = {false};
        Thread tcond = vt("condition-0", () -> {
            cl.lock();
            try {
                while (!ready[0]) {
                    cond.await();
                }
            } finally {
                cl.unlock();
            }
        });
        awaitParked(tcond);
        cl.lock();
        try {
            ready[0] = true;
            cond.signal();
        } finally {
            cl.unlock();
        }
        tcond.join();
        // join: a virtual thread joins a sleeping one
        Thread target = vt("jointarget-0", () -> Thread.sleep(50));
        Thread joiner = vt("join-0", target::join);
        joiner.join();
        // socket reads over loopback: each reader blocks until the peer writes
        try (ServerSocket ss = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < READERS; i++) {
                try (Socket client = new Socket(InetAddress.getLoopbackAddress(), ss.getLocalPort());
                        Socket server = ss.accept()) {
                    InputStream in = server.getInputStream();
                    int[] got = {0};
                    Thread r = vt("netread-" + i, () -> got[0] = in.read());
                    awaitParked(r);
                    OutputStream out = client.getOutputStream();
                    out.write(42);
                    out.flush();
                    r.join();
                    if (got[0] != 42) {
                        throw new AssertionError("read " + got[0]);
                    }
                }
            }
        }
        // Thread.yield
        for (int i = 0; i < YIELDERS; i++) {
            vt("yield-" + i, Thread::yield).join();
        }
        System.out.println("sleepers " + SLEEPERS + " lockers " + LOCKERS + " waiters " + WAITERS
                + " monitors " + MONITORS + " takers " + TAKERS + " readers " + READERS);
        System.out.println("ground truth done");
    }

    /** Runs until killed, creating, parking and ending virtual threads. */
    static void forever() throws Exception {
        System.out.println("running");
        System.out.flush();
        for (long i = 0; ; i++) {
            vt("forever-" + i, () -> Thread.sleep(1)).join();
        }
    }

    interface Body {
        void run() throws Exception;
    }

    static Thread vt(String name, Body body) {
        return Thread.ofVirtual().name(name).start(() -> {
            try {
                body.run();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
    }

    static void joinAll(List<Thread> ts) throws InterruptedException {
        for (Thread t : ts) {
            t.join();
        }
    }

    /** Waits until {@code t} is parked (WAITING or TIMED_WAITING). */
    static void awaitParked(Thread t) throws InterruptedException {
        while (true) {
            Thread.State s = t.getState();
            if (s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING) {
                return;
            }
            if (s == Thread.State.TERMINATED) {
                throw new AssertionError(t.getName() + " ended before it parked");
            }
            Thread.sleep(1);
        }
    }

    static void awaitState(Thread t, Thread.State want) throws InterruptedException {
        while (t.getState() != want) {
            if (t.getState() == Thread.State.TERMINATED) {
                throw new AssertionError(t.getName() + " ended before reaching " + want);
            }
            Thread.sleep(1);
        }
    }
}
