package dev.vtrace.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code mixed}: I/O-bound virtual threads (each sleeps once, standing in for a short network wait)
 * share the carriers with CPU-bound ones (one per carrier, each busy for a while without ever
 * blocking). Virtual threads are not time-sliced, so when the sleepers' timers fire every carrier is
 * taken and they stay runnable-but-waiting until the CPU-bound threads finish: they oversleep. In a
 * trace this is wake-to-run latency on the sleepers while all P's run the CPU-bound G's.
 *
 * <p>Order matters and is enforced: the sleepers are all asleep before the CPU-bound threads start,
 * so the delay is in waking up, not in starting.
 *
 * <p>Parameters: {@code --io-threads} (default 100), {@code --sleep-ms} (default 50),
 * {@code --cpu-threads} (default: scheduler parallelism), {@code --cpu-ms} (default 100). Prints
 * {@code io.threads.done}, {@code cpu.threads.done}, and the sleepers' oversleep (actual sleep minus
 * requested) as {@code oversleep.ms.p50}, {@code .p99}, {@code .max}; {@code oversleep.ms.expected}
 * is {@code cpu-ms - sleep-ms}, what a sleeper should see when the CPU-bound threads hold all
 * carriers.
 */
public final class MixedCpuIo {

    private MixedCpuIo() {
    }

    public static void main(String[] argv) throws InterruptedException {
        Args args = Args.parseOrExit("mixed", argv, "io-threads", "sleep-ms", "cpu-threads", "cpu-ms");
        run(args.intValue("io-threads", 100, 1), args.intValue("sleep-ms", 50, 1),
                args.intValue("cpu-threads", Carriers.parallelism(), 0), args.intValue("cpu-ms", 100, 0))
                .print(System.out);
    }

    static Report run(int ioThreads, int sleepMs, int cpuThreads, int cpuMs) throws InterruptedException {
        // Loaded and warmed here, on the platform main thread: a class loaded from the class path on a
        // virtual thread reads a file, and the scheduler compensates for that with an extra carrier
        // that stays around — and then the CPU-bound threads would no longer hold every carrier.
        CpuWork[] work = new CpuWork[cpuThreads];
        for (int i = 0; i < cpuThreads; i++) {
            work[i] = new CpuWork();
            work[i].hashItem(i);
        }
        long[] oversleepNanos = new long[ioThreads];
        CountDownLatch allAsleep = new CountDownLatch(ioThreads);
        List<Thread> io = new ArrayList<>();
        for (int i = 0; i < ioThreads; i++) {
            int slot = i;
            io.add(Thread.ofVirtual().name("io-" + i)
                    .start(() -> oversleepNanos[slot] = sleepAndMeasure(sleepMs, allAsleep)));
        }
        allAsleep.await();

        List<Thread> cpu = new ArrayList<>();
        long deadline = System.nanoTime() + cpuMs * 1_000_000L;
        for (int i = 0; i < cpuThreads; i++) {
            CpuWork mine = work[i];
            cpu.add(Thread.ofVirtual().name("cpu-" + i).start(() -> mine.spinUntil(deadline)));
        }
        for (Thread t : io) {
            t.join();
        }
        for (Thread t : cpu) {
            t.join();
        }

        Percentiles oversleep = Percentiles.of(oversleepNanos);
        return new Report()
                .add("parallelism", Carriers.parallelism())
                .add("io.threads.done", io.size())
                .add("cpu.threads.done", cpu.size())
                .add("sleep.ms", sleepMs)
                .add("cpu.ms", cpuMs)
                .add("oversleep.ms.p50", oversleep.at(50) / 1e6)
                .add("oversleep.ms.p99", oversleep.at(99) / 1e6)
                .add("oversleep.ms.max", oversleep.max() / 1e6)
                .add("oversleep.ms.expected", Math.max(0, cpuMs - sleepMs));
    }

    /** Sleeps {@code sleepMs} and returns how much longer than that it took to run again, in ns. */
    private static long sleepAndMeasure(int sleepMs, CountDownLatch allAsleep) {
        long requested = sleepMs * 1_000_000L;
        long start = System.nanoTime();
        // Counted down just before sleeping: the CPU-bound threads start once every sleeper is
        // about to park, and the sleep itself is far longer than the gap.
        allAsleep.countDown();
        try {
            Thread.sleep(sleepMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Math.max(0, System.nanoTime() - start - requested);
    }
}
