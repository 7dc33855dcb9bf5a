package dev.vtrace.export.internal;

import dev.vtrace.analyzer.JsonText;

import dev.vtrace.format.reader.TraceTables;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.function.LongSupplier;

/**
 * Writes the Chrome Trace Event Format ({@code {"traceEvents":[...]}}), as Perfetto's JSON
 * importer and Chrome's trace engine read it.
 *
 * <p>Layout: pid 1 is the traced JVM (carriers as threads {@code tid = P}, GC, counters, user
 * tasks as async slices); pid 2 holds one thread per virtual thread ({@code tid} = goroutine id,
 * sorted by first appearance; user regions as async slices); pid 3 other threads seen as wakers
 * or creators. Slices are {@code X} events with {@code dur}, written when they end; timestamps
 * are µs with three decimals (ns). Flows are v2: the waker's zero-length {@code X} marker has
 * {@code bind_id} and {@code flow_out}, the woken thread's next run {@code flow_in} (Perfetto's
 * importer binds v2 flows to slices, not to instants).
 */
public final class JsonSink implements Sink {
    static final int PID_JVM = 1, PID_VTHREADS = 2, PID_OTHERS = 3;
    static final long TID_GC = 1_000_000_000L;

    private final Writer out;
    private final LongSupplier uncompressedBytes;
    private final long warnBytes;
    private final java.util.function.Consumer<String> warnings;
    private boolean warned;
    private final StringBuilder sb = new StringBuilder(1 << 16);
    private boolean first = true;
    private TraceTables tables;
    private final HashMap<Long, String> stackCache = new HashMap<>();

    /** One open slice. */
    private record Open(long ts, String name, String args, long flowIn) {}

    public JsonSink(Writer out, LongSupplier uncompressedBytes, long warnBytes,
            java.util.function.Consumer<String> warnings) {
        this.out = out;
        this.uncompressedBytes = uncompressedBytes;
        this.warnBytes = warnBytes;
        this.warnings = warnings;
    }

    @Override
    public void start(String processName, long pid, long startTs, TraceTables tables) throws IOException {
        this.tables = tables;
        sb.append("{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n");
    }

    @Override
    public void track(Track t) throws IOException {
        switch (t.kind) {
            case PROCESS -> {
                meta("process_name", PID_JVM, 0, "name", t.name);
                metaSort("process_sort_index", PID_JVM, 0, 0);
            }
            case GROUP -> {
                if (t.name.equals("virtual threads")) {
                    meta("process_name", PID_VTHREADS, 0, "name", t.name);
                    metaSort("process_sort_index", PID_VTHREADS, 0, 1);
                } else if (t.name.equals("other threads")) {
                    meta("process_name", PID_OTHERS, 0, "name", t.name);
                    metaSort("process_sort_index", PID_OTHERS, 0, 2);
                }
            }
            case CARRIER, GC, GOROUTINE, OTHER_THREAD -> {
                meta("thread_name", pid(t), tid(t), "name", t.name);
                metaSort("thread_sort_index", pid(t), tid(t), t.rank);
            }
            default -> {}
        }
        drainIfFull();
    }

    @Override
    public void begin(Track t, long ts, String name, Args args, long flowIn) throws IOException {
        String a = args(args, null);
        if (async(t)) {
            event('b', t, ts, name, a);
            sb.append('}');
        }
        @SuppressWarnings("unchecked")
        ArrayDeque<Open> stack = (ArrayDeque<Open>) t.sinkState;
        if (stack == null) {
            stack = new ArrayDeque<>(4);
            t.sinkState = stack;
        }
        stack.push(new Open(ts, name, a, flowIn));
        drainIfFull();
    }

    @Override
    public void end(Track t, long ts, Args args) throws IOException {
        @SuppressWarnings("unchecked")
        ArrayDeque<Open> stack = (ArrayDeque<Open>) t.sinkState;
        Open o = stack == null ? null : stack.poll();
        if (o == null) {
            throw new AssertionError("invariant violation: end without begin on " + t);
        }
        if (async(t)) {
            event('e', t, ts, o.name, args(args, null));
            sb.append('}');
        } else {
            event('X', t, o.ts, o.name, args(args, o.args));
            sb.append(",\"dur\":");
            micros(ts - o.ts);
            if (o.flowIn != 0) {
                sb.append(",\"bind_id\":").append(o.flowIn).append(",\"flow_in\":true");
            }
            sb.append('}');
        }
        drainIfFull();
    }

    @Override
    public void instant(Track t, long ts, String name, Args args, long flowOut) throws IOException {
        if (flowOut != 0) {
            event('X', t, ts, name, args(args, null));
            sb.append(",\"dur\":0,\"bind_id\":").append(flowOut).append(",\"flow_out\":true}");
        } else {
            event('i', t, ts, name, args(args, null));
            sb.append(",\"s\":\"t\"}");
        }
        drainIfFull();
    }

    @Override
    public void counters(long ts, Track[] tracks, long[] values, int changed) throws IOException {
        boolean threads = false;
        for (int m = changed; m != 0; m &= m - 1) {
            int i = Integer.numberOfTrailingZeros(m);
            if (tracks[i].kind == Track.Kind.COUNTER) {
                if (!threads) {
                    open('C', PID_JVM, 0, ts, "threads");
                    sb.append(",\"args\":{");
                    threads = true;
                } else {
                    sb.append(',');
                }
                string(tracks[i].key);
                sb.append(':').append(values[i]);
            }
        }
        if (threads) {
            sb.append("}}");
        }
        for (int m = changed; m != 0; m &= m - 1) {
            int i = Integer.numberOfTrailingZeros(m);
            if (tracks[i].kind == Track.Kind.COUNTER_BYTES) {
                open('C', PID_JVM, 0, ts, tracks[i].name);
                sb.append(",\"args\":{");
                string(tracks[i].key);
                sb.append(':').append(values[i]).append("}}");
            }
        }
        drainIfFull();
    }

    @Override
    public void finish(long endTs) throws IOException {
        sb.append("\n]}\n");
        drain();
        out.flush();
    }

    @Override
    public long bytesWritten() {
        return uncompressedBytes.getAsLong() + sb.length();
    }

    // ---------------------------------------------------------------- encoding

    private static boolean async(Track t) {
        return t.kind == Track.Kind.TASK || t.kind == Track.Kind.REGIONS;
    }

    private static int pid(Track t) {
        return switch (t.kind) {
            case GOROUTINE, REGIONS -> PID_VTHREADS;
            case OTHER_THREAD -> PID_OTHERS;
            default -> PID_JVM;
        };
    }

    private static long tid(Track t) {
        return switch (t.kind) {
            case CARRIER, GOROUTINE, OTHER_THREAD, REGIONS -> t.id;
            case GC -> TID_GC;
            default -> 0;
        };
    }

    /** Writes an event up to its args; the caller appends the rest and the closing brace. */
    private void event(char ph, Track t, long ts, String name, String args) {
        open(ph, pid(t), tid(t), ts, name);
        if (t.kind == Track.Kind.TASK) {
            sb.append(",\"cat\":\"task\",\"id\":").append(t.id);
        } else if (t.kind == Track.Kind.REGIONS) {
            sb.append(",\"cat\":\"region\",\"id\":").append(t.id);
        }
        if (args != null) {
            sb.append(",\"args\":").append(args);
        }
    }

    private void open(char ph, int pid, long tid, long ts, String name) {
        if (!first) {
            sb.append(",\n");
        }
        first = false;
        sb.append("{\"ph\":\"").append(ph).append("\",\"pid\":").append(pid).append(",\"tid\":").append(tid)
                .append(",\"ts\":");
        micros(ts);
        sb.append(",\"name\":");
        string(name);
    }

    private void meta(String what, int pid, long tid, String key, String value) {
        open('M', pid, tid, 0, what);
        sb.append(",\"args\":{");
        string(key);
        sb.append(':');
        string(value);
        sb.append("}}");
    }

    private void metaSort(String what, int pid, long tid, int index) {
        open('M', pid, tid, 0, what);
        sb.append(",\"args\":{\"sort_index\":").append(index).append("}}");
    }

    /** Renders args (and {@code prefix}, already rendered) as a JSON object, or null when empty. */
    private String args(Args a, String prefix) {
        int n = a == null ? 0 : a.size();
        if (n == 0) {
            return prefix;
        }
        int mark = sb.length();
        sb.append('{');
        if (prefix != null) {
            sb.append(prefix, 1, prefix.length() - 1).append(',');
        }
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(',');
            }
            string(a.key(i));
            sb.append(':');
            switch (a.kind(i)) {
                case Args.LONG -> sb.append(a.longValue(i));
                case Args.STRING -> string(a.stringValue(i));
                default -> string(stack(a.longValue(i)));
            }
        }
        sb.append('}');
        String s = sb.substring(mark);
        sb.setLength(mark);
        return s;
    }

    private String stack(long id) {
        if (stackCache.size() > 10_000) {
            stackCache.clear();
        }
        return stackCache.computeIfAbsent(id, k -> StackText.of(tables, k));
    }

    private void micros(long ns) {
        if (ns < 0) {
            sb.append('-');
            ns = -ns;
        }
        sb.append(ns / 1000);
        long frac = ns % 1000;
        if (frac != 0) {
            sb.append('.');
            if (frac < 100) {
                sb.append('0');
            }
            if (frac < 10) {
                sb.append('0');
            }
            sb.append(frac);
        }
    }

    private void string(String s) {
        JsonText.quote(sb, s);
    }

    private void drainIfFull() throws IOException {
        if (sb.length() >= 1 << 16) {
            drain();
        }
    }

    private void drain() throws IOException {
        out.append(sb);
        sb.setLength(0);
        if (!warned && uncompressedBytes.getAsLong() > warnBytes) {
            warned = true;
            warnings.accept("the JSON output passed " + warnBytes / 1_000_000
                    + " MB; the Perfetto UI runs out of memory around 1-2 GB of JSON: export to .pftrace instead");
        }
    }
}
