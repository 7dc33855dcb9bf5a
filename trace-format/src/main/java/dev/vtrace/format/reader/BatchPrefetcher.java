package dev.vtrace.format.reader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Loads batches, in a given order, on a thread of its own: reading, checksums, inflating and
 * most of the decoding ({@link DecodedBatch}) happen there while the caller works on the batches
 * loaded before. The caller takes them with {@link #next()} in the same order and gives each
 * back with {@link #recycle} when done.
 *
 * <p>Memory is bounded: at most {@value #AHEAD} loaded batches wait, plus those the caller holds.
 * A failure to read the file is thrown by {@code next()}; damage inside a frame is not a failure
 * ({@link DecodedBatch#loadError()}). Close it to stop the thread and release the file.
 */
public final class BatchPrefetcher implements AutoCloseable {
    /** Loaded batches that may wait for the caller. */
    static final int AHEAD = 8;
    /** Events decoded ahead per batch; the rest (of an unusually large batch) decodes when reached. */
    static final int DECODE_LIMIT = 1 << 15;

    private final ArrayBlockingQueue<Object> ready = new ArrayBlockingQueue<>(AHEAD);
    private final ConcurrentLinkedQueue<DecodedBatch> free = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean stopped;

    /** Starts loading {@code order} from the file at {@code path} (opened here, closed when done). */
    public BatchPrefetcher(Path path, BatchRef[] order) {
        thread = Thread.ofPlatform().daemon().name("vtrace-prefetch").unstarted(() -> run(path, order.clone()));
        thread.start();
    }

    private void run(Path path, BatchRef[] order) {
        Object last = End.INSTANCE;
        try (TraceReader reader = TraceReader.open(path)) {
            for (BatchRef ref : order) {
                if (stopped) {
                    return;
                }
                DecodedBatch b = free.poll();
                if (b == null) {
                    b = new DecodedBatch();
                }
                if (!put(b.load(reader, ref, DECODE_LIMIT))) {
                    return;
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            last = e;
        }
        put(last);
    }

    /** Hands {@code o} to the caller; false once closed. */
    private boolean put(Object o) {
        try {
            while (!ready.offer(o, 50, TimeUnit.MILLISECONDS)) {
                if (stopped) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /**
     * The next batch in the order given; null after the last.
     *
     * @throws IOException if the file could not be read
     */
    public DecodedBatch next() throws IOException {
        Object o;
        try {
            o = ready.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for the next batch");
        }
        if (o instanceof DecodedBatch b) {
            return b;
        }
        if (o == End.INSTANCE) {
            ready.offer(o); // later calls see the end too
            return null;
        }
        ready.offer(o);
        // the loading thread's failure, rethrown here (its stack trace shows where it happened)
        switch (o) {
            case IOException e -> throw e;
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new IllegalStateException("unexpected " + o);
        }
    }

    /** Gives a batch back for reuse once its events are consumed. */
    public void recycle(DecodedBatch b) {
        free.add(b);
    }

    /** Stops the thread (if still loading) and waits for it to release the file. */
    @Override
    public void close() {
        stopped = true;
        ready.clear();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ready.clear();
    }

    private enum End { INSTANCE }
}
