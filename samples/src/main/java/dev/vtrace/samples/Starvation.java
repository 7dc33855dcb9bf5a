package dev.vtrace.samples;

import java.util.concurrent.CountDownLatch;

/**
 * {@code starvation}: one virtual thread spins on the CPU without ever blocking or yielding while
 * others want to run only briefly. Virtual threads are not preempted, so on a single carrier the
 * others cannot start until the spinner ends. Meant for
 * {@code -Djdk.virtualThreadScheduler.parallelism=1} (with more carriers the others simply use a
 * free one, which is the comparison to make).
 *
 * <p>The others are created only once the spinner is known to be running, so each one's start delay
 * is the spinner's remaining time: in a trace, G's stuck in Runnable while the one P runs one G.
 *
 * <p>Parameters: {@code --spin-ms} (default 300), {@code --others} (default 10). Prints
 * {@code parallelism}, {@code spin.ms}, {@code others.done}, and the others' create-to-start delay as
 * {@code start.delay.ms.min}, {@code .p50}, {@code .max}.
 */
public final class Starvation {

    private Starvation() {
    }

    public static void main(String[] argv) throws InterruptedException {
        Args args = Args.parseOrExit("starvation", argv, "spin-ms", "others");
        if (Carriers.parallelism() != 1) {
            System.err.println("starvation: meant for -D" + Carriers.PARALLELISM_PROPERTY
                    + "=1; with " + Carriers.parallelism() + " carriers the others need not wait");
        }
        run(args.intValue("spin-ms", 300, 1), args.intValue("others", 10, 1)).print(System.out);
    }

    static Report run(int spinMs, int others) throws InterruptedException {
        CountDownLatch spinning = new CountDownLatch(1);
        // Created here, not in the spinner: loading a class from the class path on a virtual thread
        // reads a file, and the scheduler would compensate with a second carrier for the others.
        CpuWork work = new CpuWork();
        work.hashItem(0);
        Thread spinner = Thread.ofVirtual().name("spinner").start(() -> spinWithoutYielding(spinMs, spinning, work));
        // This is the platform main thread, so waiting here takes no carrier from the spinner.
        spinning.await();

        long[] createdAt = new long[others];
        long[] startedAt = new long[others];
        Thread[] waiting = new Thread[others];
        for (int i = 0; i < others; i++) {
            int slot = i;
            Thread t = Thread.ofVirtual().name("starved-" + i).unstarted(() -> startedAt[slot] = System.nanoTime());
            createdAt[i] = System.nanoTime();
            t.start();
            waiting[i] = t;
        }
        spinner.join();
        long[] delay = new long[others];
        for (int i = 0; i < others; i++) {
            waiting[i].join();
            delay[i] = startedAt[i] - createdAt[i];
        }

        Percentiles p = Percentiles.of(delay);
        return new Report()
                .add("parallelism", Carriers.parallelism())
                .add("spin.ms", spinMs)
                .add("others.done", others)
                .add("start.delay.ms.min", p.min() / 1e6)
                .add("start.delay.ms.p50", p.at(50) / 1e6)
                .add("start.delay.ms.max", p.max() / 1e6);
    }

    /** Holds its carrier for {@code spinMs}: CPU work only, no blocking, no {@code Thread.yield}. */
    private static void spinWithoutYielding(int spinMs, CountDownLatch spinning, CpuWork work) {
        long deadline = System.nanoTime() + spinMs * 1_000_000L;
        spinning.countDown(); // never blocks: counting down only unparks the waiter
        work.spinUntil(deadline);
    }
}
