package dev.vtrace.samples;

import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code thread-per-item}: one virtual thread per item, each doing the same {@link CpuWork} as
 * {@code worker-pool} and then ending — the style virtual threads were made for. Its trace is many
 * short goroutines that never block; its checksum equals worker-pool's for the same {@code --items}.
 *
 * <p>Parameters: {@code --items} (default 2000). Prints {@code items}, {@code threads.started},
 * {@code items.processed} (counted by the threads), {@code checksum}, {@code elapsed.ms},
 * {@code items.per.sec}.
 */
public final class ThreadPerItem {

    private ThreadPerItem() {
    }

    public static void main(String[] argv) throws InterruptedException {
        Args args = Args.parseOrExit("thread-per-item", argv, "items");
        run(args.intValue("items", 2000, 0)).print(System.out);
    }

    static Report run(int items) throws InterruptedException {
        AtomicLong processed = new AtomicLong();
        AtomicLong checksum = new AtomicLong();
        long start = System.nanoTime();

        Thread[] threads = new Thread[items];
        for (int i = 0; i < items; i++) {
            long item = i;
            threads[i] = Thread.ofVirtual().name("item-" + i).start(() -> {
                checksum.addAndGet(new CpuWork().hashItem(item));
                processed.incrementAndGet();
            });
        }
        for (Thread t : threads) {
            t.join();
        }

        double elapsedMs = (System.nanoTime() - start) / 1e6;
        return new Report()
                .add("items", items)
                .add("threads.started", threads.length)
                .add("items.processed", processed.get())
                .add("checksum", Long.toHexString(checksum.get()))
                .add("elapsed.ms", elapsedMs)
                .add("items.per.sec", items / (elapsedMs / 1e3));
    }
}
