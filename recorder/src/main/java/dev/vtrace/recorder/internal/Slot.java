package dev.vtrace.recorder.internal;

import dev.vtrace.format.writer.EventBuffer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The recorder's per-platform-thread state (an M in Go's words): its current event buffer and,
 * for carriers, the bookkeeping that carries a park's reason from the park call to the unmount.
 *
 * <p><b>Who runs on a slot.</b> A slot belongs to one platform thread. Everything that runs on that
 * thread uses it: the thread itself and every virtual thread mounted on it (they find it through a
 * carrier thread-local). Those never overlap: a virtual thread leaves its carrier only at a yield,
 * and no code between {@link Recorder#acquire} and {@link Recorder#release} can yield (it does not
 * lock, park or call out). The only other party is the writer thread, which takes partially filled
 * buffers away so that idle threads' events reach the file within the flush interval.
 *
 * <p><b>The state word.</b> {@code state} is {@link #FREE}, {@link #OWNER} (an event is being
 * written) or {@link #WRITER} (the writer is taking the buffer). Both sides enter by CAS from FREE
 * and leave with a release store of FREE, so the buffer's bytes written by one are visible to the
 * other. The writer holds it for a few instructions (it swaps the buffer reference out and never
 * does I/O while holding it); an owner that finds it held spins briefly and then drops the event,
 * counting it: it never blocks.
 */
public final class Slot {
    static final int FREE = 0;
    static final int OWNER = 1;
    static final int WRITER = 2;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Slot.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The platform thread. */
    final Thread thread;
    /** Its id, the batch's M. */
    final long m;

    @SuppressWarnings("unused") // through STATE
    private volatile int state;

    /** Buffer being filled; null when none (the next event takes one). Guarded by state. */
    EventBuffer buf;
    /** Events this thread dropped since its last batch began. Guarded by state. */
    long dropped;

    // --- owner-only fields (the carrier and the virtual threads mounted on it) ---

    /** Dense 1-based P id; 0 until this thread first acts as a carrier. */
    int p;
    /** A reason marker set at a call site (sleep, poll, join) for the next park of {@code markTid}. */
    long markTid;
    int markReason;
    /** Decided at park entry for {@code parkTid}, consumed by the unmount that follows. */
    long parkTid;
    int parkReason;
    long parkBlocker;
    long parkStack;
    /** Continuation pin reason reported by onPinned for the park that follows; 0 none. */
    int pinReason;

    Slot(Thread thread) {
        this.thread = thread;
        this.m = thread.threadId();
    }

    /** Owner side: enter, spinning a bounded number of times while the writer holds the slot. */
    boolean tryEnter() {
        for (int i = 0; i < 256; i++) {
            if (STATE.compareAndSet(this, FREE, OWNER)) {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    /** Writer side: enter only if free right now. */
    boolean tryEnterWriter() {
        return STATE.compareAndSet(this, FREE, WRITER);
    }

    /** Either side: leave. */
    void exit() {
        STATE.setRelease(this, FREE);
    }
}
