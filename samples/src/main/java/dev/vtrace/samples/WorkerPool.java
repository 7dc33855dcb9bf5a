package dev.vtrace.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code worker-pool}: a fixed number of virtual-thread workers pull items from a bounded
 * BlockingQueue and do {@link CpuWork} on each — the thread-pool habit carried over to virtual
 * threads. Compare its trace with {@code thread-per-item}: same work, same checksum, but here a few
 * long-lived goroutines alternate between running and blocking on the queue, and the producer blocks
 * whenever the queue is full.
 *
 * <p>Parameters: {@code --items} (default 2000), {@code --workers} (default: scheduler parallelism),
 * {@code --queue-capacity} (default 64). Prints {@code items}, {@code workers},
 * {@code items.processed} (counted by the workers), {@code checksum}, {@code elapsed.ms},
 * {@code items.per.sec}.
 */
public final class WorkerPool {

    /** Tells a worker there is no more work; one per worker. */
    private static final long NO_MORE_ITEMS = -1;

    private WorkerPool() {
    }

    public static void main(String[] argv) throws InterruptedException {
        Args args = Args.parseOrExit("worker-pool", argv, "items", "workers", "queue-capacity");
        run(args.intValue("items", 2000, 0), args.intValue("workers", Carriers.parallelism(), 1),
                args.intValue("queue-capacity", 64, 1)).print(System.out);
    }

    static Report run(int items, int workers, int queueCapacity) throws InterruptedException {
        BlockingQueue<Long> queue = new ArrayBlockingQueue<>(queueCapacity);
        AtomicLong processed = new AtomicLong();
        AtomicLong checksum = new AtomicLong();
        long start = System.nanoTime();

        List<Thread> pool = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            pool.add(Thread.ofVirtual().name("worker-" + w).start(() -> work(queue, processed, checksum)));
        }
        for (long item = 0; item < items; item++) {
            queue.put(item);
        }
        for (int w = 0; w < workers; w++) {
            queue.put(NO_MORE_ITEMS);
        }
        for (Thread worker : pool) {
            worker.join();
        }

        double elapsedMs = (System.nanoTime() - start) / 1e6;
        return new Report()
                .add("items", items)
                .add("workers", workers)
                .add("items.processed", processed.get())
                .add("checksum", Long.toHexString(checksum.get()))
                .add("elapsed.ms", elapsedMs)
                .add("items.per.sec", items / (elapsedMs / 1e3));
    }

    private static void work(BlockingQueue<Long> queue, AtomicLong processed, AtomicLong checksum) {
        CpuWork cpu = new CpuWork();
        try {
            for (long item = queue.take(); item != NO_MORE_ITEMS; item = queue.take()) {
                // Addition commutes, so the checksum does not depend on which worker got which item.
                checksum.addAndGet(cpu.hashItem(item));
                processed.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
