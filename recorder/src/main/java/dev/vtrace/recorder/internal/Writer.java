package dev.vtrace.recorder.internal;

import static dev.vtrace.recorder.internal.Recorder.*;

import dev.vtrace.format.writer.EventBuffer;
import dev.vtrace.format.writer.FooterInfo;
import dev.vtrace.format.writer.TraceFileWriter;
import java.io.IOException;
import dev.vtrace.format.EventType;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.concurrent.locks.LockSupport;

/**
 * The one background thread that turns buffers into frames.
 *
 * <p>Loop: write every filled buffer handed over; once per flush interval also copy out the
 * committed part of every slot's live buffer (so an idle thread's events reach the disk within
 * the interval) and flush the stream; then park until the next poll or until a few full buffers
 * are waiting. {@link #finish}
 * does one last round and writes the footer.
 */
final class Writer implements Runnable {
    private final TraceFileWriter out;
    private final long flushNanos;
    private volatile boolean stopping;
    private volatile boolean finished;
    private long batchesDropped;
    private IOException failure;

    Writer(TraceFileWriter out, long flushNanos) {
        this.out = out;
        this.flushNanos = flushNanos;
    }

    /** Longest park between two looks at the queue of full buffers. */
    static final long POLL_NANOS = 100_000_000L;

    @Override
    public void run() {
        long lastFlush = System.nanoTime();
        while (!stopping) {
            try {
                drainFull();
                long t = System.nanoTime();
                if (t - lastFlush >= flushNanos) {
                    takePartial();
                    out.flush();
                    lastFlush = t;
                }
            } catch (IOException e) {
                fail(e);
                return;
            } catch (Throwable e) {
                ERRORS.increment();
            }
            LockSupport.parkNanos(this, Math.min(flushNanos, POLL_NANOS));
        }
    }

    /** Writes every full buffer handed over (the part not yet copied out by takePartial). */
    private void drainFull() throws IOException {
        EventBuffer b;
        FULL_WAITING.set(0);
        while ((b = FULL.poll()) != null) {
            try {
                Copied c = copied.remove(b);
                if (c == null) {
                    out.writeBatch(b);
                } else {
                    copy(b, c, b.size());
                }
            } finally {
                recycle(b);
            }
        }
    }

    /** How much of a live buffer the writer already copied out, and the encoder state there. */
    private static final class Copied {
        int pos;
        long lastTs;
        long lastG;
    }

    /** Live buffers partly copied out by {@link #takePartial}; the writer thread only. */
    private final IdentityHashMap<EventBuffer, Copied> copied = new IdentityHashMap<>();
    /** Where copied events are re-encoded into a batch of their own. */
    private final EventBuffer scratch = new EventBuffer(Options.DEFAULT_BATCH);

    /**
     * Copies the committed but not yet written events of every slot's live buffer into batches of
     * their own, so idle threads' events reach the file within the flush interval. The owner is
     * never stopped: bytes below the committed size do not change until the buffer comes back
     * through the full queue (protocol in {@link Slot}).
     */
    private void takePartial() throws IOException {
        for (Iterator<Slot> it = SLOTS.iterator(); it.hasNext(); ) {
            Slot s = it.next();
            boolean dead = !s.thread.isAlive();
            EventBuffer b = s.bufAcquire();
            long committed = s.committedAcquire();
            if (b == null || s.bufAcquire() != b) {
                if (dead && b == null) {
                    it.remove();
                }
                continue; // none, or it switched under us: the full queue brings it
            }
            int size = (int) committed;
            Copied c = copied.get(b);
            if (c == null) {
                c = new Copied();
                copied.put(b, c);
            }
            if (size > c.pos) {
                copy(b, c, size);
            }
            if (dead && size == b.size()) {
                // its owner is gone: nothing more will come; the buffer goes back to the pool
                it.remove();
                copied.remove(b);
                recycle(b);
            }
        }
    }

    /**
     * Writes the events of {@code b} from {@code c.pos} to {@code end} as one batch (or more, if
     * re-encoding from a fresh batch start makes them longer), and advances {@code c}.
     */
    private void copy(EventBuffer b, Copied c, int end) throws IOException {
        byte[] a = b.array();
        int p = c.pos;
        if (p >= end) {
            return;
        }
        long ts = c.pos == 0 ? b.firstTs() : c.lastTs;
        long g = c.lastG;
        scratch.reset(b.m(), c.pos == 0 ? b.droppedBefore() : 0);
        long[] args = new long[EventType.MAX_ARGS];
        while (p < end) {
            int head = a[p++] & 0xFF;
            EventType type = EventType.byCode(head & 0x1F);
            int omit = head >>> 5;
            long v = 0;
            int shift = 0;
            int n = type.argCount() - omit;
            // timestamp delta, then the arguments present (varints)
            for (int i = -1; i < n; i++) {
                v = 0;
                shift = 0;
                int x;
                do {
                    x = a[p++];
                    v |= (long) (x & 0x7F) << shift;
                    shift += 7;
                } while ((x & 0x80) != 0);
                if (i < 0) {
                    ts += v;
                } else if (i == 0 && type.firstArgIsG()) {
                    g += (v >>> 1) ^ -(v & 1);
                    args[0] = g;
                } else {
                    args[i] = v;
                }
            }
            for (int i = Math.max(n, 0); i < EventType.MAX_ARGS; i++) {
                args[i] = 0;
            }
            if (!scratch.hasRoom()) {
                out.writeBatch(scratch);
                scratch.reset(b.m(), 0);
            }
            switch (type.argCount()) {
                case 0 -> scratch.event0(type, ts);
                case 1 -> scratch.event1(type, ts, args[0]);
                case 2 -> scratch.event2(type, ts, args[0], args[1]);
                case 3 -> scratch.event3(type, ts, args[0], args[1], args[2]);
                default -> scratch.event4(type, ts, args[0], args[1], args[2], args[3]);
            }
        }
        if (!scratch.isEmpty() || scratch.droppedBefore() != 0) {
            out.writeBatch(scratch);
        }
        c.pos = p;
        c.lastTs = ts;
        c.lastG = g;
    }

    private void fail(IOException e) {
        failure = e;
        on = false;
        System.err.println("vtrace: writing the trace failed, recording stopped: " + e);
    }

    /**
     * Stops the loop and writes everything left plus the footer. Called once, from the shutdown
     * hook (or a test); waits for the loop thread to leave first.
     */
    synchronized void finish(Thread loop, String reason) {
        if (finished) {
            return;
        }
        finished = true;
        stopping = true;
        LockSupport.unpark(loop);
        try {
            loop.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            closeQuietly();
            return;
        }
        try {
            drainFull();
            takePartial();
            drainFull();
            on = false; // events after this point cannot reach the file
            dev.vtrace.Trace.connect(null);
            long dropped = DROPPED.sum();
            out.writeFooter(new FooterInfo(
                    now(), out.eventsWritten(), dropped, out.batchesWritten(), batchesDropped, reason));
            out.flush();
        } catch (IOException e) {
            System.err.println("vtrace: finishing the trace failed: " + e);
        } finally {
            on = false;
            closeQuietly();
        }
    }

    private void closeQuietly() {
        try {
            out.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }

    TraceFileWriter out() {
        return out;
    }
}
