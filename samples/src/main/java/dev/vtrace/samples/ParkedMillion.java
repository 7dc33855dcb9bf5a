package dev.vtrace.samples;

import java.util.concurrent.CountDownLatch;

/**
 * {@code parked-million}: N virtual threads all parked on one CountDownLatch, then released at once.
 * Shows what virtual threads are for (a parked one costs about a kilobyte of heap, not a stack)
 * and gives the recorder its stress test: N GoCreate, N GoBlock, one countDown waking N threads.
 *
 * <p>Memory is the heap in use after a full GC with all threads parked, minus the same before they
 * were created, divided by N; it includes each thread's object, its stack chunk and its latch node.
 *
 * <p>The release is slower than the parking, and that is worth seeing: {@code countDown} wakes only
 * the first waiter, and each woken waiter wakes the next (AQS passes a shared release down its
 * queue), so N threads wake as a chain of N hops — about 10 µs each on a small machine, so ~10 s at
 * the default size. In a trace: N GoUnblock events, each caused by the previous G.
 *
 * <p>Parameters: {@code --threads} (default 1_000_000). Prints {@code threads}, {@code threads.parked}
 * (arrived at the latch), {@code threads.finished} (returned from it), {@code create.and.park.ms},
 * {@code release.ms}, {@code heap.bytes.per.parked.thread}.
 */
public final class ParkedMillion {

    private ParkedMillion() {
    }

    public static void main(String[] argv) throws InterruptedException {
        Args args = Args.parseOrExit("parked-million", argv, "threads");
        run(args.intValue("threads", 1_000_000, 1)).print(System.out);
    }

    static Report run(int threads) throws InterruptedException {
        CountDownLatch arrived = new CountDownLatch(threads);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(threads);
        Runnable parkUntilReleased = () -> {
            arrived.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished.countDown();
        };

        long heapBefore = heapUsedAfterGc();
        long start = System.nanoTime();
        // No names and no references kept: the threads are reachable through the latch's wait queue
        // only, as in a real server, and a name would add its own string per thread to the count.
        Thread.Builder builder = Thread.ofVirtual();
        for (int i = 0; i < threads; i++) {
            builder.start(parkUntilReleased);
        }
        arrived.await();
        double createAndParkMs = (System.nanoTime() - start) / 1e6;
        // Each thread parks right after counting down, and a full GC takes far longer than that step.
        long heapParked = heapUsedAfterGc();

        long releaseStart = System.nanoTime();
        release.countDown();
        finished.await();
        double releaseMs = (System.nanoTime() - releaseStart) / 1e6;

        return new Report()
                .add("threads", threads)
                .add("threads.parked", threads - arrived.getCount())
                .add("threads.finished", threads - finished.getCount())
                .add("create.and.park.ms", createAndParkMs)
                .add("release.ms", releaseMs)
                .add("heap.bytes.per.parked.thread", (double) (heapParked - heapBefore) / threads);
    }

    private static long heapUsedAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        // Twice: the first collection may leave work (reference processing) the second one finishes.
        System.gc();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
