package dev.vtrace.analyzer.it;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Workloads with ground truth, run in a child JVM under the agent by {@link RecordedIT}.
 *
 * <ul>
 *   <li>{@code sleep N D}: N virtual threads named {@code sleeper-i}, each sleeps D ms once.
 *   <li>{@code convoy K R H}: K virtual threads named {@code convoy-i} take one ReentrantLock R
 *       times each and hold it H µs (spinning), so most lock attempts wait in line.
 * </ul>
 */
public final class Workloads {
    private Workloads() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "sleep" -> sleep(Integer.parseInt(args[1]), Long.parseLong(args[2]));
            case "convoy" -> convoy(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Long.parseLong(args[3]));
            default -> throw new IllegalArgumentException("unknown workload " + args[0]);
        }
    }

    static void sleep(int n, long ms) throws InterruptedException {
        List<Thread> ts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ts.add(Thread.ofVirtual().name("sleeper-" + i).start(() -> {
                try {
                    Thread.sleep(ms);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread t : ts) {
            t.join();
        }
    }

    static void convoy(int k, int rounds, long holdMicros) throws InterruptedException {
        ReentrantLock lock = new ReentrantLock();
        List<Thread> ts = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            ts.add(Thread.ofVirtual().name("convoy-" + i).start(() -> {
                for (int r = 0; r < rounds; r++) {
                    lock.lock();
                    try {
                        long until = System.nanoTime() + holdMicros * 1_000;
                        while (System.nanoTime() < until) {
                            Thread.onSpinWait();
                        }
                    } finally {
                        lock.unlock();
                    }
                    Thread.yield();
                }
            }));
        }
        for (Thread t : ts) {
            t.join();
        }
    }
}
