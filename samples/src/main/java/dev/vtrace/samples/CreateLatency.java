package dev.vtrace.samples;

import java.io.IOException;
import java.util.List;

/**
 * {@code create-latency}: a burst of virtual threads created back to back; each records when it first
 * ran, and the sample prints the create-to-start latency percentiles — the analyzer's "create-to-start
 * latency", measured from inside.
 *
 * <p>The latency depends on how many carriers drain the burst, so run it with different scheduler
 * parallelism, e.g. {@code -Djdk.virtualThreadScheduler.parallelism=1}, {@code =2}, {@code =4},
 * {@code =8}. {@code --sweep} does that for you: it runs this sample in a child JVM (the same
 * {@code java}, the same class path) once per value of {@code --parallelisms} and prints a table.
 *
 * <p>Parameters: {@code --threads} (default 1000), {@code --sweep},
 * {@code --parallelisms} (default 1,2,4,8; only with --sweep). Prints {@code parallelism},
 * {@code threads}, {@code threads.started}, {@code latency.us.p50}, {@code .p99}, {@code .max}.
 */
public final class CreateLatency {

    private CreateLatency() {
    }

    public static void main(String[] argv) throws InterruptedException, IOException {
        Args args = Args.parseOrExit("create-latency", argv, "threads", "sweep", "parallelisms");
        int threads = args.intValue("threads", 1000, 1);
        if (args.flag("sweep")) {
            ParallelismSweep.run(CreateLatency.class, List.of("--threads=" + threads),
                    args.intList("parallelisms", List.of(1, 2, 4, 8)),
                    List.of("latency.us.p50", "latency.us.p99", "latency.us.max"), System.out);
        } else {
            run(threads).print(System.out);
        }
    }

    static Report run(int threads) throws InterruptedException {
        long[] createdAt = new long[threads];
        long[] startedAt = new long[threads];
        Thread[] burst = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            int slot = i;
            Thread t = Thread.ofVirtual().name("burst-" + i).unstarted(() -> startedAt[slot] = System.nanoTime());
            // Read the clock right before start(): the latency excludes building the thread object.
            createdAt[i] = System.nanoTime();
            t.start();
            burst[i] = t;
        }
        long[] latency = new long[threads];
        int started = 0;
        for (int i = 0; i < threads; i++) {
            burst[i].join(); // join also makes startedAt[i] visible here
            latency[i] = startedAt[i] - createdAt[i];
            started += startedAt[i] != 0 ? 1 : 0;
        }

        Percentiles p = Percentiles.of(latency);
        return new Report()
                .add("parallelism", Carriers.parallelism())
                .add("threads", threads)
                .add("threads.started", started)
                .add("latency.us.p50", p.at(50) / 1e3)
                .add("latency.us.p99", p.at(99) / 1e3)
                .add("latency.us.max", p.max() / 1e3);
    }
}
