package dev.vtrace.recorder.internal;

import dev.vtrace.format.EventType;
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
        // reflection frames shown, as in a Throwable's stack: both capture modes give the same ids
        stackWalker = StackWalker.getInstance(java.util.Set.of(StackWalker.Option.RETAIN_CLASS_REFERENCE,
                StackWalker.Option.SHOW_REFLECT_FRAMES), o.depth() + 8);
        StackCache.clear();
        for (Slot s : SLOTS) {
            s.stackKey = null; // sized for the previous recording's depth
            s.keyWalk = null;
        }
        Hooks.initConditionIds();
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
     * The slot's buffer with room for one event, or null when the event must be dropped (counted
     * here). The caller writes one event into it and then calls {@link Slot#commit}; nothing in
     * between may yield. Owner only, no atomic instruction unless the buffer is full.
     */
    static EventBuffer buffer(Slot s) {
        EventBuffer b = s.buf();
        if (b != null && b.hasRoom()) {
            return b;
        }
        return refill(s, b);
    }

    // One event into the slot's buffer, published to the writer; dropped (and counted by
    // buffer()) when no buffer can be had. One method per arity: the encoder needs the exact
    // argument count, and these stay small enough for the JIT to inline into every hook.

    static void write1(Slot s, EventType type, long a0) {
        EventBuffer b = buffer(s);
        if (b != null) {
            b.event1(type, now(), a0);
            s.commit(b);
        }
    }

    static void write2(Slot s, EventType type, long a0, long a1) {
        EventBuffer b = buffer(s);
        if (b != null) {
            b.event2(type, now(), a0, a1);
            s.commit(b);
        }
    }

    static void write3(Slot s, EventType type, long a0, long a1, long a2) {
        EventBuffer b = buffer(s);
        if (b != null) {
            b.event3(type, now(), a0, a1, a2);
            s.commit(b);
        }
    }

    static void write4(Slot s, EventType type, long a0, long a1, long a2, long a3) {
        EventBuffer b = buffer(s);
        if (b != null) {
            b.event4(type, now(), a0, a1, a2, a3);
            s.commit(b);
        }
    }

    /** Slow path of {@link #buffer}: hands the full buffer over and takes a fresh one. */
    private static EventBuffer refill(Slot s, EventBuffer full) {
        EventBuffer b = FREE.poll();
        if (b == null && BUFFERS.get() < maxBuffers && BUFFERS.incrementAndGet() <= maxBuffers) {
            b = new EventBuffer(options.batchBytes());
        }
        if (b != null) {
            b.reset(s.m, s.dropped);
            s.dropped = 0;
        }
        s.switchTo(b); // publish the switch before the old buffer reaches the writer (Slot)
        if (full != null) {
            handOff(full);
        }
        if (b == null) {
            s.dropped++;
            DROPPED.increment();
        }
        return b;
    }

    /**
     * Queues a filled buffer for the writer. The writer is woken only when enough buffers are
     * waiting that it should not wait for its next poll (every {@link Writer#POLL_NANOS}).
     */
    static void handOff(EventBuffer b) {
        FULL.offer(b);
        if (FULL_WAITING.incrementAndGet() >= WAKE_AT) {
            Thread w = writerThread;
            if (w != null) {
                LockSupport.unpark(w);
            }
        }
    }

    /**
     * An empty buffer for a batch written outside the slots (JFR-derived events), or null when
     * the memory cap is reached. Hand it over with {@link #handOff}.
     */
    static EventBuffer freshBuffer(long m) {
        EventBuffer b = FREE.poll();
        if (b == null && BUFFERS.get() < maxBuffers && BUFFERS.incrementAndGet() <= maxBuffers) {
            b = new EventBuffer(options.batchBytes());
        }
        if (b != null) {
            b.reset(m, 0);
        }
        return b;
    }

    /** Full buffers at which a hand-off wakes the writer rather than leaving it to its poll. */
    static final int WAKE_AT = 4;
    /** Full buffers queued and not yet taken by the writer (approximate; the writer resets it). */
    static final AtomicInteger FULL_WAITING = new AtomicInteger();

    /** Returns a written buffer to the pool. */
    static void recycle(EventBuffer b) {
        FREE.offer(b);
    }

    /**
     * The id of the current thread's stack, innermost frame first, skipping {@code skip} frames
     * (this method's own frame included), at most {@link Options#depth} frames. The frames'
     * identities go into the slot's reusable {@link StackCache.Key}, from a {@code Throwable}'s
     * backtrace or (if its layout is not the expected one) a StackWalker walk; the
     * {@link StackCache} maps a known stack to its id without building any
     * {@code StackTraceElement}. Only a stack never seen before is materialized and interned.
     */
    static long stackId(int skip) {
        Slot s = slot();
        StackCache.Key k = s.stackKey;
        if (k == null) {
            s.stackKey = k = new StackCache.Key(options.depth());
            s.keyWalk = new StackCache.KeyWalk(k);
        }
        if (StackCache.useBacktrace) {
            k.collect(new Throwable(), skip);
        } else {
            StackCache.KeyWalk w = s.keyWalk;
            w.skip = skip;
            stackWalker.walk(w);
        }
        return k.id(stacks);
    }

    /** Sized so that one batch of frames covers the hooks' frames and the frames kept. */
    private static StackWalker stackWalker;

    /** Whether a recording is running (for the annotation API and tests). */
    public static boolean isOn() {
        return on;
    }
}
