package dev.vtrace.export.bench;

import dev.vtrace.analyzer.GState;
import dev.vtrace.analyzer.GTransition;
import dev.vtrace.analyzer.TraceConsumer;
import dev.vtrace.analyzer.TraceMeta;
import dev.vtrace.export.ChromeJsonExporter;
import dev.vtrace.export.ExportOptions;
import dev.vtrace.export.Exporter;
import dev.vtrace.export.PerfettoExporter;
import dev.vtrace.format.EventType;
import dev.vtrace.format.UnblockKind;
import dev.vtrace.format.reader.Event;
import dev.vtrace.format.reader.TraceTables;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Export throughput (input events per second, one thread) and output size (bytes per input
 * event) for the two formats, on a steady scheduler workload held in memory: 8 carriers, 2,000
 * virtual threads cycling start → run → park (one of 8 reasons) → unpark by a running thread,
 * so every event causes one goroutine transition (the analyzer's callbacks, replayed from
 * arrays: the benchmark measures the exporter, not the reader or the analyzer). Output goes to
 * a counting sink.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ExportBench {
    static final int EVENTS = 1 << 20;

    // The recorded stream, packed so that replaying it reads 12 bytes per event (the exporter,
    // not the replay's memory traffic, should dominate the measurement): per event its
    // timestamp, and one int holding the type, thread, carrier, reason and waker (CODE_*).
    static final int THREADS = 2000, CARRIERS = 8;
    static final long FIRST_THREAD_ID = 100;
    final long[] ts = new long[EVENTS];
    final int[] code = new int[EVENTS];
    // int layout, low bits first: type (2 bits: START, BLOCK, UNBLOCK), thread index (11),
    // carrier (4), reason (4), waker's thread index + 1 (11; 0: none)
    static final int START = 0, BLOCK = 1, UNBLOCK = 2;
    static final EventType[] TYPES = {EventType.GO_START, EventType.GO_BLOCK, EventType.GO_UNBLOCK};
    TraceMeta meta;

    /** Output bytes and input events, summed by JMH (divide them; {@link #main} prints the ratio). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Size {
        public long bytes;
        public long events;
    }

    static final class Counting extends OutputStream {
        long n;

        @Override
        public void write(int b) {
            n++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            n += len;
        }
    }

    @Setup(Level.Trial)
    public void record() {
        meta = new TraceMeta("bench", null, new TraceTables(), 0, 0, 0, List.of(), true);
        SplittableRandom rnd = new SplittableRandom(1);
        int threads = THREADS, carriers = CARRIERS;
        GState[] state = new GState[threads];
        int[] on = new int[threads];
        long[] running = new long[carriers + 1];
        java.util.Arrays.fill(state, GState.RUNNABLE);
        long now = 1_000_000_000L;
        int n = 0;
        while (n < EVENTS) {
            now += 50 + rnd.nextInt(500);
            int i = rnd.nextInt(threads);
            long id = FIRST_THREAD_ID + i;
            switch (state[i]) {
                case RUNNABLE -> {
                    int free = 0;
                    for (int q = 1; q <= carriers && free == 0; q++) {
                        if (running[q] == 0) {
                            free = q;
                        }
                    }
                    if (free == 0) {
                        continue;
                    }
                    set(n++, START, now, i, free, 0, -1);
                    state[i] = GState.RUNNING;
                    on[i] = free;
                    running[free] = id;
                }
                case RUNNING -> {
                    set(n++, BLOCK, now, i, on[i], 1 + rnd.nextInt(8), -1);
                    state[i] = GState.WAITING;
                    running[on[i]] = 0;
                }
                case WAITING -> {
                    long waker = 0;
                    for (int q = 1; q <= carriers && waker == 0; q++) {
                        waker = running[q];
                    }
                    set(n++, UNBLOCK, now, i, 0, UnblockKind.UNPARK.code(),
                            waker == 0 ? -1 : (int) (waker - FIRST_THREAD_ID));
                    state[i] = GState.RUNNABLE;
                }
                default -> throw new AssertionError();
            }
        }
    }

    private void set(int n, int type, long now, int thread, int carrier, int reason, int waker) {
        ts[n] = now;
        code[n] = type | thread << 2 | carrier << 13 | reason << 17 | (waker + 1) << 21;
    }

    /**
     * Replays the stream as the analyzer's {@code OrderedStream} delivers it: per event one
     * reused {@link Event} view, then one reused {@link GTransition} with the thread's dense
     * {@code slot} (here its index: the threads never end, so no slot is reused).
     */
    void replay(TraceConsumer c) {
        Event e = new Event();
        GTransition t = new GTransition();
        long[] since = new long[THREADS];
        c.start(meta);
        for (int i = 0; i < EVENTS; i++) {
            int x = code[i];
            int type = x & 3, thread = x >>> 2 & 0x7FF, p = x >>> 13 & 0xF, reason = x >>> 17 & 0xF;
            int waker = (x >>> 21) - 1;
            long now = ts[i], g = FIRST_THREAD_ID + thread, by = waker < 0 ? 0 : FIRST_THREAD_ID + waker;
            EventType et = TYPES[type];
            t.g = g;
            t.slot = thread;
            t.ts = now;
            t.fromTs = since[thread];
            t.p = p;
            t.reason = reason;
            t.by = by;
            t.cause = et;
            t.stack = 0;
            t.str = 0;
            since[thread] = now;
            switch (type) {
                case START -> {
                    e.set(et, now, 1, g, p);
                    t.from = GState.RUNNABLE;
                    t.to = GState.RUNNING;
                }
                case BLOCK -> {
                    e.set(et, now, 1, g, reason, 0, 0);
                    t.from = GState.RUNNING;
                    t.to = GState.WAITING;
                }
                default -> {
                    e.set(et, now, 1, g, by, reason, 0);
                    t.from = GState.WAITING;
                    t.to = GState.RUNNABLE;
                }
            }
            c.onEvent(e);
            c.onG(t);
        }
        c.finish(ts[EVENTS - 1]);
    }

    private long run(Exporter x, Counting out, Size size) throws IOException {
        replay(x);
        x.close();
        size.bytes += out.n;
        size.events += EVENTS;
        return out.n;
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long perfetto(Size size) throws IOException {
        Counting out = new Counting();
        return run(new PerfettoExporter(out, ExportOptions.defaults()), out, size);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long json(Size size) throws IOException {
        Counting out = new Counting();
        return run(new ChromeJsonExporter(out, ExportOptions.defaults()), out, size);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long jsonGzip(Size size) throws IOException {
        Counting out = new Counting();
        return run(new ChromeJsonExporter(out, ExportOptions.defaults(), true, false), out, size);
    }

    /** Exports run and not timed before the N timed ones of {@code main}. */
    static final int WARMUP_RUNS = 10;

    /**
     * Without arguments, prints bytes per event for the four outputs without JMH: {@code java -cp
     * ... ExportBench}. With {@code perfetto|json N}, exports N times (after {@link #WARMUP_RUNS}
     * untimed ones) and prints the best and the median speed in thread CPU time, which a busy
     * shared machine disturbs less than JMH's wall clock: {@code java -cp ... ExportBench perfetto
     * 25}.
     */
    public static void main(String[] args) throws IOException {
        ExportBench b = new ExportBench();
        b.record();
        if (args.length == 2) {
            boolean json = args[0].equals("json");
            int n = Integer.parseInt(args[1]);
            java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
            double[] speed = new double[n];
            // Warm-up exports, not counted: the JIT compiles the hot path during the first few
            // (they run at 3-8 M events/s against 9-10 after), which pulled the median of 30 down.
            for (int i = -WARMUP_RUNS; i < n; i++) {
                Counting out = new Counting();
                Exporter x = json ? new ChromeJsonExporter(out, ExportOptions.defaults())
                        : new PerfettoExporter(out, ExportOptions.defaults());
                long t0 = cpu.getCurrentThreadCpuTime();
                b.replay(x);
                x.close();
                if (i < 0) {
                    continue;
                }
                speed[i] = EVENTS / ((cpu.getCurrentThreadCpuTime() - t0) / 1e9) / 1e6;
            }
            java.util.Arrays.sort(speed);
            System.out.printf("%s: best %.2f, median %.2f M events/s (thread CPU time, %d runs after %d warm-up)%n",
                    args[0], speed[n - 1], speed[n / 2], n, WARMUP_RUNS);
            return;
        }
        for (String f : new String[] {"perfetto", "perfetto.gz", "json", "json.gz"}) {
            Counting out = new Counting();
            Exporter x = switch (f) {
                case "perfetto" -> new PerfettoExporter(out, ExportOptions.defaults());
                case "perfetto.gz" -> new PerfettoExporter(out, ExportOptions.defaults(), true, false);
                case "json" -> new ChromeJsonExporter(out, ExportOptions.defaults());
                default -> new ChromeJsonExporter(out, ExportOptions.defaults(), true, false);
            };
            long t0 = System.nanoTime();
            b.replay(x);
            x.close();
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%-11s %8.2f bytes/event  %6.2f M events/s (one cold run)%n", f,
                    (double) out.n / EVENTS, EVENTS / s / 1e6);
        }
    }
}
