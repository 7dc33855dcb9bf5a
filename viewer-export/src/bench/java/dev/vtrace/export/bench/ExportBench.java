package dev.vtrace.export.bench;

import dev.vtrace.analyzer.GState;
import dev.vtrace.analyzer.GTransition;
import dev.vtrace.analyzer.TraceConsumer;
import dev.vtrace.analyzer.TraceMeta;
import dev.vtrace.export.ChromeJsonExporter;
import dev.vtrace.export.ExportOptions;
import dev.vtrace.export.Exporter;
import dev.vtrace.export.PerfettoExporter;
import dev.vtrace.format.BlockReason;
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

    // the recorded stream: per event, its type, ts, g, p, reason, by
    final byte[] type = new byte[EVENTS];
    final long[] ts = new long[EVENTS];
    final long[] g = new long[EVENTS];
    final int[] p = new int[EVENTS];
    final int[] reason = new int[EVENTS];
    final long[] by = new long[EVENTS];
    final long[] fromTs = new long[EVENTS];
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
        int threads = 2000, carriers = 8;
        GState[] state = new GState[threads];
        long[] since = new long[threads];
        int[] on = new int[threads];
        long[] running = new long[carriers + 1];
        java.util.Arrays.fill(state, GState.RUNNABLE);
        long now = 1_000_000_000L;
        int n = 0;
        while (n < EVENTS) {
            now += 50 + rnd.nextInt(500);
            int i = rnd.nextInt(threads);
            long id = 100 + i;
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
                    set(n++, EventType.GO_START, now, id, free, 0, 0, since[i]);
                    state[i] = GState.RUNNING;
                    on[i] = free;
                    running[free] = id;
                }
                case RUNNING -> {
                    set(n++, EventType.GO_BLOCK, now, id, on[i], 1 + rnd.nextInt(8), 0, since[i]);
                    state[i] = GState.WAITING;
                    running[on[i]] = 0;
                }
                case WAITING -> {
                    long waker = 0;
                    for (int q = 1; q <= carriers && waker == 0; q++) {
                        waker = running[q];
                    }
                    set(n++, EventType.GO_UNBLOCK, now, id, 0, UnblockKind.UNPARK.code(), waker, since[i]);
                    state[i] = GState.RUNNABLE;
                }
                default -> throw new AssertionError();
            }
            since[i] = now;
        }
    }

    private void set(int i, EventType t, long now, long id, int pp, int r, long b, long from) {
        type[i] = t.code();
        ts[i] = now;
        g[i] = id;
        p[i] = pp;
        reason[i] = r;
        by[i] = b;
        fromTs[i] = from;
    }

    void replay(TraceConsumer c) {
        Event e = new Event();
        GTransition t = new GTransition();
        c.start(meta);
        for (int i = 0; i < EVENTS; i++) {
            EventType et = EventType.byCode(type[i]);
            t.g = g[i];
            t.ts = ts[i];
            t.fromTs = fromTs[i];
            t.p = p[i];
            t.reason = reason[i];
            t.by = by[i];
            t.cause = et;
            t.stack = 0;
            t.str = 0;
            switch (et) {
                case GO_START -> {
                    e.set(et, ts[i], 1, g[i], p[i]);
                    t.from = GState.RUNNABLE;
                    t.to = GState.RUNNING;
                }
                case GO_BLOCK -> {
                    e.set(et, ts[i], 1, g[i], reason[i], 0, 0);
                    t.from = GState.RUNNING;
                    t.to = GState.WAITING;
                }
                default -> {
                    e.set(et, ts[i], 1, g[i], by[i], reason[i], 0);
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

    /**
     * Without arguments, prints bytes per event for the three outputs without JMH: {@code java -cp
     * ... ExportBench}. With {@code perfetto|json N}, exports N times and prints the best and the
     * median speed in thread CPU time, which a busy shared machine disturbs less than JMH's wall
     * clock: {@code java -cp ... ExportBench perfetto 25}.
     */
    public static void main(String[] args) throws IOException {
        ExportBench b = new ExportBench();
        b.record();
        if (args.length == 2) {
            boolean json = args[0].equals("json");
            int n = Integer.parseInt(args[1]);
            java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
            double[] speed = new double[n];
            for (int i = 0; i < n; i++) {
                Counting out = new Counting();
                Exporter x = json ? new ChromeJsonExporter(out, ExportOptions.defaults())
                        : new PerfettoExporter(out, ExportOptions.defaults());
                long t0 = cpu.getCurrentThreadCpuTime();
                b.replay(x);
                x.close();
                speed[i] = EVENTS / ((cpu.getCurrentThreadCpuTime() - t0) / 1e9) / 1e6;
            }
            java.util.Arrays.sort(speed);
            System.out.printf("%s: best %.2f, median %.2f M events/s (thread CPU time, %d runs)%n", args[0],
                    speed[n - 1], speed[n / 2], n);
            return;
        }
        for (String f : new String[] {"perfetto", "json", "json.gz"}) {
            Counting out = new Counting();
            Exporter x = switch (f) {
                case "perfetto" -> new PerfettoExporter(out, ExportOptions.defaults());
                case "json" -> new ChromeJsonExporter(out, ExportOptions.defaults());
                default -> new ChromeJsonExporter(out, ExportOptions.defaults(), true, false);
            };
            long t0 = System.nanoTime();
            b.replay(x);
            x.close();
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%-8s %8.2f bytes/event  %6.2f M events/s (one cold run)%n", f,
                    (double) out.n / EVENTS, EVENTS / s / 1e6);
        }
    }
}
