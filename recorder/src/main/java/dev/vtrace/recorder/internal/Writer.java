package dev.vtrace.recorder.internal;

import static dev.vtrace.recorder.internal.Recorder.*;

import dev.vtrace.format.writer.EventBuffer;
import dev.vtrace.format.writer.FooterInfo;
import dev.vtrace.format.writer.TraceFileWriter;
import java.io.IOException;
import java.util.Iterator;
import java.util.concurrent.locks.LockSupport;

/**
 * The one background thread that turns buffers into frames.
 *
 * <p>Loop: write every filled buffer handed over; once per flush interval also take the partially
 * filled buffer of every slot (so an idle thread's events reach the disk within the interval) and
 * flush the stream; then park until woken by a hand-over or the next interval. {@link #finish}
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

    @Override
    public void run() {
        long lastFlush = System.nanoTime();
        while (!stopping) {
            try {
                drainFull();
                long t = System.nanoTime();
                if (t - lastFlush >= flushNanos) {
                    takePartial(false);
                    out.flush();
                    lastFlush = t;
                }
            } catch (IOException e) {
                fail(e);
                return;
            } catch (Throwable e) {
                ERRORS.increment();
            }
            LockSupport.parkNanos(this, Math.min(flushNanos, 100_000_000L));
        }
    }

    private void drainFull() throws IOException {
        EventBuffer b;
        while ((b = FULL.poll()) != null) {
            try {
                out.writeBatch(b);
            } finally {
                recycle(b);
            }
        }
    }

    /**
     * Takes and writes the non-empty buffer of every slot it can enter. A slot whose owner is
     * writing right now is skipped (next round), or, when {@code last}, retried a little.
     */
    private void takePartial(boolean last) throws IOException {
        for (Iterator<Slot> it = SLOTS.iterator(); it.hasNext(); ) {
            Slot s = it.next();
            boolean entered = s.tryEnterWriter();
            for (int i = 0; !entered && last && i < 1000; i++) {
                Thread.onSpinWait();
                entered = s.tryEnterWriter();
            }
            if (!entered) {
                continue;
            }
            EventBuffer b = s.buf;
            if (b != null && (!b.isEmpty() || b.droppedBefore() != 0)) {
                s.buf = null;
            } else {
                b = null;
            }
            s.exit();
            if (b != null) {
                try {
                    out.writeBatch(b);
                } finally {
                    recycle(b);
                }
            } else if (!s.thread.isAlive()) {
                it.remove(); // nothing left and nothing more will come
            }
        }
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
            takePartial(true);
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
