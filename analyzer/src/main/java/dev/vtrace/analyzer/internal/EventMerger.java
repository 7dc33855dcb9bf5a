package dev.vtrace.analyzer.internal;

import dev.vtrace.format.EventType;
import dev.vtrace.format.reader.BatchRef;
import dev.vtrace.format.reader.Damage;
import dev.vtrace.format.reader.DecodedBatch;
import dev.vtrace.format.reader.EventRecord;
import dev.vtrace.format.reader.TraceFormatException;
import dev.vtrace.format.reader.TraceReader;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Merges the events of all batches into one ordered stream, on a thread of its own: reading,
 * checksums, inflating, decoding and the merge happen there, while the caller works on the
 * events merged before. The caller takes {@link MergedChunk}s with {@link #next()} and gives
 * each back with {@link #recycle} when done.
 *
 * <p>The merge (the algorithm of {@link dev.vtrace.analyzer.OrderedStream}, steps 3 and 4): the
 * open batches sit in a min-heap keyed by their next event: (ts, causal rank of its type, M,
 * file offset). Before taking the heap's minimum, every pending batch whose firstTs ≤ that
 * minimum (or the first pending one if none is open) is opened: no event of an unopened batch
 * can then precede it. The top batch then emits its events while they come strictly before the
 * runner-up's (and the next pending batch's first): batches interleave in runs, and an event of a
 * run costs one comparison, decoded straight into the outgoing chunk. A batch that cannot be read
 * again, or stops decoding, becomes a damage marker at that place in the stream; its earlier
 * events count. Each goroutine event leaves labelled with its G's dense slot ({@link GSlots}),
 * so that the consumer's state machines need no id lookup of their own.
 *
 * <p>Memory is bounded: the open batches (a payload and one decoded event each), at most
 * {@value #AHEAD} chunks waiting plus those the caller holds, and a slot per live goroutine. A failure to read the file is thrown by {@code next()} after the events
 * merged before it. Close it to stop the thread and release the file.
 */
public final class EventMerger implements AutoCloseable {
    /** Merged chunks that may wait for the caller. */
    static final int AHEAD = 4;

    /** Causal rank per event code: lower sorts first among events with the same timestamp. */
    private static final byte[] RANK = new byte[EventType.MAX_CODE + 1];

    static {
        for (EventType t : EventType.values()) {
            RANK[t.code()] = switch (t) {
                case PROC_START, PROC_UNBLOCK -> 0;
                case GO_CREATE -> 1;
                case GO_BLOCK, GO_SCHED, GO_END, GO_PINNED_BLOCK, GO_PINNED_UNBLOCK -> 2;
                case GC_BEGIN, GC_END, HEAP, TASK_BEGIN, TASK_END, REGION_BEGIN, REGION_END, LOG -> 3;
                case GO_UNBLOCK -> 4;
                case GO_START -> 5;
                case PROC_STOP, PROC_BLOCK -> 6;
            };
        }
    }

    private final ArrayBlockingQueue<Object> ready = new ArrayBlockingQueue<>(AHEAD);
    private final ConcurrentLinkedQueue<MergedChunk> free = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean stopped;

    // --- the merging thread's own state ---
    private Cursor[] heap = new Cursor[16];
    private int heapSize;
    private final ArrayDeque<DecodedBatch> spare = new ArrayDeque<>();
    private MergedChunk out;
    private final GSlots slots = new GSlots();

    /**
     * Starts merging the events of {@code batches} (an index's, in any order; empty ones are
     * skipped) from the file at {@code path}.
     */
    public EventMerger(Path path, List<BatchRef> batches) {
        BatchRef[] pending = batches.stream().filter(b -> b.count() > 0)
                .sorted(Comparator.comparingLong(BatchRef::firstTs).thenComparingLong(BatchRef::offset))
                .toArray(BatchRef[]::new);
        thread = Thread.ofPlatform().daemon().name("vtrace-merge").unstarted(() -> run(path, pending));
        thread.start();
    }

    /** An open batch. */
    private static final class Cursor {
        final DecodedBatch batch;
        /** The current event, decoded. */
        final long[] rec = new long[EventRecord.WORDS];
        /** The heap key: (ts, rank) of the current event, copied by {@code key()}; then the batch's M and offset. */
        long ts;
        int rank;
        final long m;
        final long offset;

        Cursor(BatchRef ref, DecodedBatch batch) {
            this.batch = batch;
            this.m = ref.m();
            this.offset = ref.offset();
        }
    }

    private void run(Path path, BatchRef[] pending) {
        Object last = End.INSTANCE;
        try (TraceReader reader = TraceReader.open(path)) {
            out = chunk();
            int next = 0;
            while (!stopped) {
                // open every batch that may hold an event at or before the earliest open one
                while (next < pending.length && (heapSize == 0 || pending[next].firstTs() <= heap[0].ts)) {
                    open(reader, pending[next++]);
                }
                if (heapSize == 0) {
                    break;
                }
                long nextFirstTs = next < pending.length ? pending[next].firstTs() : Long.MAX_VALUE;
                emitRun(heap[0], Math.min(runnerUpTs(), nextFirstTs));
            }
        } catch (IOException | RuntimeException | Error e) {
            last = e;
        }
        if (out != null && out.end > 0 && !hand(out)) {
            return;
        }
        put(last);
    }

    private MergedChunk chunk() {
        MergedChunk c = free.poll();
        if (c == null) {
            c = new MergedChunk();
        }
        c.clear();
        return c;
    }

    /**
     * Emits the top cursor's events while they come strictly before {@code bound} (no other open
     * or pending batch can have an event before that), then puts the cursor back in its place.
     * Batches are written in runs (a carrier's events between other carriers'), so most events
     * take this loop's one comparison instead of a sift through the heap.
     */
    private void emitRun(Cursor c, long bound) {
        emit(c.rec);
        while (true) {
            // decode the next event straight into the chunk: kept in place when it is still the
            // earliest (most are), copied back to the cursor otherwise
            MergedChunk o = out;
            long[] w = o.words;
            int at = o.end;
            if (!decode(c, w, at)) {
                removeTop();
                spare.push(c.batch);
                return;
            }
            if (w[at + EventRecord.TS] >= bound) {
                System.arraycopy(w, at, c.rec, 0, EventRecord.WORDS);
                key(c);
                siftDown(0);
                return;
            }
            o.end = at + EventRecord.WORDS;
            if (o.full()) {
                flush();
            }
        }
    }

    /** The earliest timestamp among the open cursors but the top: the smaller of its children's. */
    private long runnerUpTs() {
        if (heapSize < 2) {
            return Long.MAX_VALUE;
        }
        long ts = heap[1].ts;
        return heapSize > 2 ? Math.min(ts, heap[2].ts) : ts;
    }

    private void emit(long[] rec) {
        MergedChunk o = out;
        System.arraycopy(rec, 0, o.words, o.end, EventRecord.WORDS);
        o.end += EventRecord.WORDS;
        if (o.full()) {
            flush();
        }
    }

    private void damage(Damage d) {
        out.addDamage(d);
        if (out.full()) {
            flush();
        }
    }

    private void flush() {
        if (!hand(out)) {
            stopped = true;
        }
        out = chunk();
    }

    private void open(TraceReader reader, BatchRef ref) throws IOException {
        DecodedBatch b = spare.isEmpty() ? new DecodedBatch() : spare.pop();
        b.load(reader, ref);
        TraceFormatException e = b.loadError();
        if (e != null) {
            spare.push(b);
            damage(new Damage(ref.offset(), 0, "events frame could not be read again: " + e.getMessage()));
            return;
        }
        Cursor c = new Cursor(ref, b);
        if (advance(c)) {
            push(c);
        } else {
            spare.push(b);
        }
    }

    /** Moves the cursor to its next event; false when the batch is done (or undecodable from here). */
    private boolean advance(Cursor c) {
        if (!decode(c, c.rec, 0)) {
            return false;
        }
        key(c);
        return true;
    }

    /**
     * Decodes the cursor's next event at {@code w[at...]}; false when the batch is done, or stops
     * decoding (then a damage marker takes the place, and the events before it count).
     */
    private boolean decode(Cursor c, long[] w, int at) {
        try {
            return c.batch.next(w, at);
        } catch (TraceFormatException ex) {
            damage(new Damage(c.offset, 0, ex.getMessage() + "; the events before it were used"));
            return false;
        }
    }

    /** Copies the heap key of the cursor's current event from its record (M and offset are the batch's). */
    private static void key(Cursor c) {
        long[] r = c.rec;
        c.ts = r[EventRecord.TS];
        c.rank = RANK[(int) r[EventRecord.CODE]];
    }

    private static boolean less(Cursor a, Cursor b) {
        if (a.ts != b.ts) {
            return a.ts < b.ts;
        }
        if (a.rank != b.rank) {
            return a.rank < b.rank;
        }
        if (a.m != b.m) {
            return a.m < b.m;
        }
        return a.offset < b.offset;
    }

    private void push(Cursor c) {
        if (heapSize == heap.length) {
            heap = Arrays.copyOf(heap, heapSize * 2);
        }
        int i = heapSize++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(c, heap[parent])) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = c;
    }

    private void removeTop() {
        heap[0] = heap[--heapSize];
        heap[heapSize] = null;
        if (heapSize > 0) {
            siftDown(0);
        }
    }

    private void siftDown(int i) {
        Cursor c = heap[i];
        int half = heapSize >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < heapSize && less(heap[right], heap[child])) {
                child = right;
            }
            if (!less(heap[child], c)) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = c;
    }

    /** Labels the goroutine events of a full (or the last) chunk with their slots and hands it over; false once closed. */
    private boolean hand(MergedChunk c) {
        slots.label(c.words, c.end);
        return put(c);
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
     * The next chunk of the merged stream; null after the last.
     *
     * @throws IOException if the file could not be read
     */
    public MergedChunk next() throws IOException {
        Object o;
        try {
            o = ready.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the next events");
        }
        if (o instanceof MergedChunk c) {
            return c;
        }
        ready.offer(o); // later calls see the end or the failure too
        if (o == End.INSTANCE) {
            return null;
        }
        // the merging thread's failure, rethrown here (its stack trace shows where it happened)
        switch (o) {
            case IOException e -> throw e;
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new IllegalStateException("unexpected " + o);
        }
    }

    /**
     * The goroutine slots the merge handed out (each goroutine event's {@link EventRecord#SPARE}
     * word is its label): read them only after {@link #next} returned null.
     */
    public GSlots slots() {
        return slots;
    }

    /** Gives a chunk back for reuse once its events are consumed. */
    public void recycle(MergedChunk c) {
        free.add(c);
    }

    /** Stops the thread (if still merging) and waits for it to release the file. */
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
