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
 * <p>Usage: {@code Workload ground <exitCode>} | {@code Workload forever} | {@code Workload extras}
 * | {@code Workload heavy <pairs> <roundTrips>}
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
            case "extras" -> extras();
            case "heavy" -> heavy(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
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
            awaitParked(holder); // on a loaded machine it may not have reached release.await() yet
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

    static final int NATIVE_SLEEPS = 3;
    static final int NATIVE_WAITS = 3;
    static final int FILE_READERS = 4;

    /**
     * What the ground workload does not cover: pinned parks in a native upcall (NATIVE_SLEEPS
     * sleeps inside qsort's comparator → GoPinnedBlock(native)), pinned Object.wait in an upcall
     * (NATIVE_WAITS, blocked inside the VM → only JFR sees it), fsyncs on virtual threads
     * (carrier compensation), the annotation API, and a System.gc().
     */
    static void extras() throws Exception {
        for (int i = 0; i < NATIVE_SLEEPS; i++) {
            vt("nativesleep-" + i, () -> Upcall.sortCalling(() -> Thread.sleep(5))).join();
        }
        Object lock = new Object();
        for (int i = 0; i < NATIVE_WAITS; i++) {
            vt("nativewait-" + i, () -> Upcall.sortCalling(() -> {
                synchronized (lock) {
                    lock.wait(5);
                }
            })).join();
        }
        java.nio.file.Path f = java.nio.file.Files.createTempFile("vtrace-io", ".bin");
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < FILE_READERS; i++) {
            readers.add(vt("filesync-" + i, () -> {
                // JDK 25 compensates for fsync (FileDescriptor.sync), not for plain file reads
                try (var out = new java.io.FileOutputStream(f.toFile(), true)) {
                    for (int k = 0; k < 5; k++) {
                        out.write(new byte[4096]);
                        out.getFD().sync();
                    }
                }
            }));
        }
        joinAll(readers);
        java.nio.file.Files.delete(f);
        vt("annotated", () -> {
            try (dev.vtrace.Trace.Task outer = dev.vtrace.Trace.newTask("order")) {
                try (dev.vtrace.Trace.Region r = dev.vtrace.Trace.region("validate")) {
                    dev.vtrace.Trace.log("order", "id=42");
                }
                try (dev.vtrace.Trace.Task inner = dev.vtrace.Trace.newTask("payment")) {
                    dev.vtrace.Trace.log("payment", "ok");
                }
            }
        }).join();
        System.out.println("annotations enabled: " + dev.vtrace.Trace.isEnabled());
        System.gc();
        // GC notifications arrive on a JMX thread; JFR delivers streamed events about once a second
        Thread.sleep(1500);
        System.out.println("extras done");
    }

    /**
     * Heavy scheduling: {@code pairs} ping-pong pairs through SynchronousQueues plus a ring of 64
     * virtual threads passing a token with LockSupport.park/unpark, all at once.
     */
    static void heavy(int pairs, int roundTrips) throws Exception {
        List<Thread> all = new ArrayList<>();
        for (int p = 0; p < pairs; p++) {
            SynchronousQueue<Integer> there = new SynchronousQueue<>();
            SynchronousQueue<Integer> back = new SynchronousQueue<>();
            all.add(vt("ping-" + p, () -> {
                for (int i = 0; i < roundTrips; i++) {
                    there.put(i);
                    back.take();
                }
            }));
            all.add(vt("pong-" + p, () -> {
                for (int i = 0; i < roundTrips; i++) {
                    back.put(there.take());
                }
            }));
        }
        int ring = 64;
        int laps = Math.max(1, roundTrips / 20);
        Thread[] rt = new Thread[ring];
        java.util.concurrent.atomic.AtomicInteger token = new java.util.concurrent.atomic.AtomicInteger();
        CountDownLatch ready = new CountDownLatch(1);
        for (int i = 0; i < ring; i++) {
            int me = i;
            rt[i] = Thread.ofVirtual().name("ring-" + i).unstarted(() -> {
                try {
                    ready.await();
                } catch (InterruptedException e) {
                    throw new RuntimeException(e);
                }
                for (int lap = 0; lap < laps; lap++) {
                    int want = lap * ring + me;
                    while (token.get() != want) {
                        java.util.concurrent.locks.LockSupport.park();
                    }
                    token.incrementAndGet();
                    java.util.concurrent.locks.LockSupport.unpark(rt[(me + 1) % ring]);
                }
            });
        }
        for (Thread t : rt) {
            t.start();
            all.add(t);
        }
        ready.countDown();
        joinAll(all);
        System.out.println("heavy done");
    }

    /** qsort (an FFM downcall) whose comparator (an upcall) runs a body once: a native frame pins. */
    static final class Upcall {
        private static final java.lang.foreign.Linker LINKER = java.lang.foreign.Linker.nativeLinker();
        private static final java.lang.invoke.MethodHandle QSORT = LINKER.downcallHandle(
                LINKER.defaultLookup().find("qsort").orElseThrow(),
                java.lang.foreign.FunctionDescriptor.ofVoid(java.lang.foreign.ValueLayout.ADDRESS,
                        java.lang.foreign.ValueLayout.JAVA_LONG, java.lang.foreign.ValueLayout.JAVA_LONG,
                        java.lang.foreign.ValueLayout.ADDRESS));
        private static Body body;

        static synchronized void sortCalling(Body b) throws Exception {
            body = b;
            var intPtr = java.lang.foreign.ValueLayout.ADDRESS.withTargetLayout(java.lang.foreign.ValueLayout.JAVA_INT);
            var cmpType = java.lang.foreign.FunctionDescriptor.of(java.lang.foreign.ValueLayout.JAVA_INT, intPtr, intPtr);
            var cmp = java.lang.invoke.MethodHandles.lookup().findStatic(Upcall.class, "compare",
                    java.lang.invoke.MethodType.methodType(int.class, java.lang.foreign.MemorySegment.class,
                            java.lang.foreign.MemorySegment.class));
            try (var arena = java.lang.foreign.Arena.ofConfined()) {
                var stub = LINKER.upcallStub(cmp, cmpType, arena);
                var ints = arena.allocateFrom(java.lang.foreign.ValueLayout.JAVA_INT, 2, 1);
                try {
                    QSORT.invokeExact(ints, 2L, 4L, stub);
                } catch (Throwable t) {
                    throw new IllegalStateException("qsort", t);
                }
            }
        }

        private static int compare(java.lang.foreign.MemorySegment a, java.lang.foreign.MemorySegment b) {
            Body run = body;
            body = null;
            if (run != null) {
                try {
                    run.run();
                } catch (Exception e) {
                    // an exception must not escape an upcall
                }
            }
            return Integer.compare(a.get(java.lang.foreign.ValueLayout.JAVA_INT, 0),
                    b.get(java.lang.foreign.ValueLayout.JAVA_INT, 0));
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
