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
 * and no code between {@link Recorder#buffer} and {@link #commit} can yield (it does not lock,
 * park or call out). So the owner writes the buffer with plain stores and no atomic instruction.
 *
 * <p><b>What the writer thread sees.</b> After each event the owner publishes how far the buffer
 * is filled with a release store of {@code committed} (event count and byte size, packed); the
 * writer reads it with acquire and may copy the committed prefix out of the live buffer (bytes
 * below it never change until the buffer is reset, and only the writer recycles buffers). When
 * the owner switches buffers it first publishes {@code committed = 0}, then the new buffer, and
 * only then hands the old one to the writer's queue, so a writer that takes a buffer from the
 * queue never again sees it as some slot's live buffer. See {@link Writer} for the other half.
 */
public final class Slot {
    private static final VarHandle COMMITTED;
    private static final VarHandle BUF;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            COMMITTED = l.findVarHandle(Slot.class, "committed", long.class);
            BUF = l.findVarHandle(Slot.class, "buf", EventBuffer.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The platform thread. */
    final Thread thread;
    /** Its id, the batch's M. */
    final long m;

    /** Buffer being filled; null when none (the next event takes one). Written by the owner only. */
    private EventBuffer buf;
    /** {@code eventCount << 32 | size} of {@link #buf} as of the owner's last event. */
    @SuppressWarnings("unused") // through COMMITTED
    private long committed;

    // --- owner-only fields (the carrier and the virtual threads mounted on it) ---

    /** Events this thread dropped since its last batch began. */
    long dropped;
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
    /** The last blocker class classified here, with its reason and name id (a one-entry cache). */
    Class<?> lastBlockerClass;
    int lastBlockerReason;
    long lastBlockerId;
    /** Scratch for stack captures on this thread (Recorder.stackId); created on first use. */
    StackCache.Key stackKey;
    StackCache.KeyWalk keyWalk;

    Slot(Thread thread) {
        this.thread = thread;
        this.m = thread.threadId();
    }

    /** Owner: the live buffer (plain read). */
    EventBuffer buf() {
        return buf;
    }

    /** Owner: switches to {@code b} (may be null), publishing an empty prefix first. */
    void switchTo(EventBuffer b) {
        COMMITTED.setRelease(this, 0L);
        BUF.setRelease(this, b);
    }

    /** Owner: publishes the events written so far into {@code b}, the live buffer. */
    void commit(EventBuffer b) {
        COMMITTED.setRelease(this, (long) b.eventCount() << 32 | b.size());
    }

    /** Writer: the live buffer. */
    EventBuffer bufAcquire() {
        return (EventBuffer) BUF.getAcquire(this);
    }

    /** Writer: the committed {@code count << 32 | size} of the live buffer. */
    long committedAcquire() {
        return (long) COMMITTED.getAcquire(this);
    }
}
