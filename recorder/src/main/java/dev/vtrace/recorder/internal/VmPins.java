package dev.vtrace.recorder.internal;

import dev.vtrace.format.EventType;
import dev.vtrace.format.PinReason;
import dev.vtrace.format.writer.EventBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingStream;

/**
 * Pinned blocking that happens inside the VM — a contended monitor entered, {@code Object.wait}
 * or a class-initialization wait while the virtual thread is pinned — never reaches Java code.
 * JFR sees it: this streams {@code jdk.VirtualThreadPinned} (threshold 0) inside the agent and
 * turns each event into GoPinnedBlock / GoPinnedUnblock.
 *
 * <p><b>No double counting.</b> The JVM also emits {@code jdk.VirtualThreadPinned} for pinned
 * parks in {@code VirtualThread.parkOnCarrierThread} (blocking operation "LockSupport.park"),
 * which the hooks already record exactly; those are skipped, everything else is taken.
 *
 * <p><b>Time.</b> JFR gives wall-clock instants; they are mapped onto the trace clock with the
 * offset between {@code Instant.now()} and {@code System.nanoTime()} taken at start (µs
 * precision). Events arrive about once a second and out of start order, so each JFR flush is
 * sorted and written as one batch of its own (its M is the stream's thread); such batches may
 * overlap earlier batches of the same M in time.
 */
final class VmPins {
    private VmPins() {}

    static final String EVENT = "jdk.VirtualThreadPinned";
    /** What VirtualThread.parkOnCarrierThread reports: already recorded by the hooks. */
    static final String PARK_ON_CARRIER = "LockSupport.park";

    private static RecordingStream stream;
    private static long wallAtEpochNs;
    /** Longs per pending row: ts, type, g, reason, stack. */
    private static final int ROW = 5;
    /** Pending rows of the current flush; the stream thread only. */
    private static long[] rows = new long[64 * ROW];
    private static int n;

    /** Starts the stream (off the hot path, on a daemon thread); false when JFR is unavailable. */
    static synchronized boolean start() {
        try {
            Instant now = Instant.now();
            long nano = System.nanoTime();
            wallAtEpochNs = now.getEpochSecond() * 1_000_000_000L + now.getNano() - (nano - Recorder.epoch);
            RecordingStream rs = new RecordingStream();
            var settings = rs.enable(EVENT).withThreshold(Duration.ZERO);
            if (Recorder.blockStacks) {
                settings.withStackTrace(); // JFR takes it natively, and pins are rare
            } else {
                settings.withoutStackTrace();
            }
            rs.onEvent(EVENT, VmPins::onPinned);
            rs.onFlush(VmPins::flush);
            rs.setReuse(true);
            // rs.start() on a daemon thread of ours: startAsync would create a non-daemon thread,
            // which keeps a JVM alive whose main thread has returned
            Thread t = new Thread(() -> {
                try {
                    rs.start();
                } catch (Throwable x) {
                    Recorder.ERRORS.increment();
                }
            }, "vtrace-jfr");
            t.setDaemon(true);
            stream = rs;
            t.start();
            return true;
        } catch (Throwable t) {
            Recorder.ERRORS.increment();
            return false;
        }
    }

    /** How long the end of the recording waits for JFR to deliver its last events. */
    static final long STOP_WAIT_MS = 1_000;

    /**
     * Stops the stream after delivering what JFR still holds (called before the footer), waiting
     * at most {@link #STOP_WAIT_MS}: at JVM exit JFR's own shutdown hook may already have ended
     * the repository, and then {@code RecordingStream.stop()} would wait forever. Events JFR had
     * not delivered by then (at most its last flush period, about 1 s) are lost.
     */
    static void stop() {
        RecordingStream rs;
        synchronized (VmPins.class) {
            rs = stream;
            stream = null;
        }
        if (rs == null) {
            return;
        }
        Thread stopper = new Thread(() -> {
            try {
                rs.stop(); // delivers the remaining events, then the stream ends
            } catch (Throwable t) {
                Recorder.ERRORS.increment();
            }
        }, "vtrace-jfr-stop");
        stopper.setDaemon(true);
        stopper.start();
        try {
            stopper.join(STOP_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush(); // what arrived after the stream's last flush callback
        if (!stopper.isAlive()) {
            try {
                rs.close();
            } catch (Throwable t) {
                Recorder.ERRORS.increment();
            }
        }
    }

    private static void onPinned(RecordedEvent e) {
        try {
            String op = e.getString("blockingOperation");
            if (PARK_ON_CARRIER.equals(op)) {
                return; // the parkOnCarrierThread hooks recorded it
            }
            RecordedThread t = e.getThread("eventThread");
            if (t == null) {
                return;
            }
            long g = t.getJavaThreadId();
            long start = traceNs(e.getStartTime());
            long end = Math.max(start, traceNs(e.getEndTime()));
            int reason = reason(e.getString("pinnedReason"));
            long stack = Recorder.blockStacks ? stackId(e.getStackTrace()) : 0;
            add(start, EventType.GO_PINNED_BLOCK.ordinal(), g, reason, stack);
            add(end, EventType.GO_PINNED_UNBLOCK.ordinal(), g, 0, 0);
        } catch (Throwable x) {
            Recorder.ERRORS.increment();
        }
    }

    /**
     * The stack JFR took where the thread blocked while pinned, as a stack id; 0 for none. JFR
     * frames carry no source file: the file is left empty (shown as "line N").
     */
    static long stackId(RecordedStackTrace st) {
        if (st == null || st.getFrames().isEmpty()) {
            return 0;
        }
        List<RecordedFrame> frames = st.getFrames();
        int n = Math.min(frames.size(), Recorder.options.depth());
        StackTraceElement[] ste = new StackTraceElement[n];
        for (int i = 0; i < n; i++) {
            RecordedFrame f = frames.get(i);
            RecordedMethod m = f.getMethod();
            ste[i] = new StackTraceElement(m.getType().getName(), m.getName(), null, f.getLineNumber());
        }
        return Recorder.stacks.id(ste);
    }

    /** The JVM's pinned-reason text → PinReason; IN_VM when it names nothing more specific. */
    static int reason(String pinned) {
        if (pinned == null) {
            return PinReason.IN_VM.code();
        }
        String p = pinned.toLowerCase(java.util.Locale.ROOT);
        if (p.contains("native")) {
            return PinReason.NATIVE.code();
        }
        if (p.contains("critical")) {
            return PinReason.CRITICAL_SECTION.code();
        }
        if (p.contains("monitor")) {
            return PinReason.MONITOR.code();
        }
        return PinReason.IN_VM.code();
    }

    private static long traceNs(Instant i) {
        return Math.max(0, i.getEpochSecond() * 1_000_000_000L + i.getNano() - wallAtEpochNs);
    }

    /** Guards the pending rows (the stream thread and, at the end, the shutdown hook). */
    private static final Object ROWS_LOCK = new Object();

    private static void add(long ts, int type, long g, int reason, long stack) {
        synchronized (ROWS_LOCK) {
            addLocked(ts, type, g, reason, stack);
        }
    }

    private static void addLocked(long ts, int type, long g, int reason, long stack) {
        if (n + ROW > rows.length) {
            rows = Arrays.copyOf(rows, rows.length * 2);
        }
        rows[n++] = ts;
        rows[n++] = type;
        rows[n++] = g;
        rows[n++] = reason;
        rows[n++] = stack;
    }

    /** At each JFR flush: the pending events, sorted by time, as one batch. */
    private static void flush() {
        synchronized (ROWS_LOCK) {
            flushLocked();
        }
    }

    private static void flushLocked() {
        if (n == 0 || !Recorder.on) {
            n = 0;
            return;
        }
        try {
            int count = n / ROW;
            Integer[] order = new Integer[count];
            for (int i = 0; i < count; i++) {
                order[i] = i;
            }
            long[] r = rows;
            // by time; at equal times a block before an unblock (a row's own pair keeps its order)
            Arrays.sort(order, (a, b) -> r[a * ROW] != r[b * ROW] ? Long.compare(r[a * ROW], r[b * ROW]) : Integer.compare(a, b));
            long m = Thread.currentThread().threadId();
            EventBuffer b = Recorder.freshBuffer(m);
            for (Integer i : order) {
                int k = i * ROW;
                if (b == null || !b.hasRoom()) {
                    if (b != null) {
                        Recorder.handOff(b);
                    }
                    b = Recorder.freshBuffer(m);
                    if (b == null) {
                        Recorder.DROPPED.increment();
                        continue;
                    }
                }
                if (r[k + 1] == EventType.GO_PINNED_BLOCK.ordinal()) {
                    b.event3(EventType.GO_PINNED_BLOCK, r[k], r[k + 2], r[k + 3], r[k + 4]);
                } else {
                    b.event1(EventType.GO_PINNED_UNBLOCK, r[k], r[k + 2]);
                }
            }
            if (b != null) {
                Recorder.handOff(b);
            }
        } catch (Throwable t) {
            Recorder.ERRORS.increment();
        } finally {
            n = 0;
        }
    }
}
