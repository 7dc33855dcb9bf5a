package dev.vtrace.recorder.internal;

import dev.vtrace.format.writer.EventBuffer;
import dev.vtrace.format.writer.StackTable;
import dev.vtrace.format.writer.StringTable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import jdk.internal.access.SharedSecrets;
import jdk.internal.misc.CarrierThreadLocal;

/**
 * Global recorder state and the event-emission primitives the hooks use.
 *
 * <p>Fields are static so that a hook costs a few static loads; they are set once by
 * {@link #init} before any hook is installed, and {@link #on} gates everything.
 */
public final class Recorder {
    private Recorder() {}

    /** Whether hooks record. Cleared when the recording ends or fails. */
    static volatile boolean on;

    static Options options;
    static long epoch;
    static StringTable strings;
    static StackTable stacks;
    static boolean createStacks;
    static boolean blockStacks;

    /** Every slot that may hold events; the writer walks it. */
    static final ConcurrentLinkedQueue<Slot> SLOTS = new ConcurrentLinkedQueue<>();
    /** Empty buffers ready for reuse. */
    static final ConcurrentLinkedQueue<EventBuffer> FREE = new ConcurrentLinkedQueue<>();
    /** Filled buffers waiting for the writer. */
    static final ConcurrentLinkedQueue<EventBuffer> FULL = new ConcurrentLinkedQueue<>();
    /** Buffers allocated so far; at most {@link #maxBuffers}. */
    static final AtomicInteger BUFFERS = new AtomicInteger();
    static int maxBuffers;

    static final LongAdder DROPPED = new LongAdder();
    static final LongAdder ERRORS = new LongAdder();
    static final AtomicLong NEXT_P = new AtomicLong();

    static volatile Thread writerThread;

    private static final CarrierThreadLocal<Slot> SLOT = new SlotLocal();

    /** Creates each platform thread's slot on first use, keyed by the carrier when a virtual thread asks. */
    private static final class SlotLocal extends CarrierThreadLocal<Slot> {
        @Override
        protected Slot initialValue() {
            Slot s = new Slot(SharedSecrets.getJavaLangAccess().currentCarrierThread());
            SLOTS.add(s);
            return s;
        }
    }

    static void init(Options o, StringTable st, StackTable sk) {
        options = o;
        strings = st;
        stacks = sk;
        createStacks = o.stacks().create();
        blockStacks = o.stacks().block();
        maxBuffers = (int) Math.max(2, Math.min(Integer.MAX_VALUE, o.bufferBytes() / o.batchBytes()));
        epoch = System.nanoTime();
    }

    /** ns since the trace epoch. */
    static long now() {
        return System.nanoTime() - epoch;
    }

    /** The slot of the current platform thread (the carrier when called on a virtual thread). */
    static Slot slot() {
        return SLOT.get();
    }

    /** The carrier's P id, assigned on first use. Owner only. */
    static int p(Slot s) {
        int p = s.p;
        if (p == 0) {
            s.p = p = (int) NEXT_P.incrementAndGet();
        }
        return p;
    }

    /**
     * Enters the slot and returns a buffer with room for one event, or null when the event must be
     * dropped (counted here). A non-null result must be followed by {@link #release}.
     */
    static EventBuffer acquire(Slot s) {
        if (!s.tryEnter()) {
            DROPPED.increment();
            return null;
        }
        EventBuffer b = s.buf;
        if (b != null && b.hasRoom()) {
            return b;
        }
        if (b != null) {
            s.buf = null;
            handOff(b);
        }
        b = FREE.poll();
        if (b == null && BUFFERS.get() < maxBuffers && BUFFERS.incrementAndGet() <= maxBuffers) {
            b = new EventBuffer(options.batchBytes());
        }
        if (b == null) {
            s.dropped++;
            s.exit();
            DROPPED.increment();
            return null;
        }
        b.reset(s.m, s.dropped);
        s.dropped = 0;
        s.buf = b;
        return b;
    }

    static void release(Slot s) {
        s.exit();
    }

    /** Queues a filled buffer for the writer and wakes it. */
    static void handOff(EventBuffer b) {
        FULL.offer(b);
        Thread w = writerThread;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    /** Returns a written buffer to the pool. */
    static void recycle(EventBuffer b) {
        FREE.offer(b);
    }

    /** The id of the current thread's stack, innermost frame first, skipping {@code skip} frames. */
    static long stackId(int skip) {
        StackTraceElement[] st = new Throwable().getStackTrace();
        int from = Math.min(st.length, skip);
        int n = Math.min(st.length - from, Options.MAX_STACK_FRAMES);
        if (n <= 0) {
            return 0;
        }
        StackTraceElement[] f = new StackTraceElement[n];
        System.arraycopy(st, from, f, 0, n);
        return stacks.id(f);
    }

    /** Whether a recording is running (for the annotation API and tests). */
    public static boolean isOn() {
        return on;
    }
}
