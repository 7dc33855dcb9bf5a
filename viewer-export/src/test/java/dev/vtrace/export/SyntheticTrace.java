package dev.vtrace.export;

import dev.vtrace.analyzer.GState;
import dev.vtrace.analyzer.GTransition;
import dev.vtrace.analyzer.PState;
import dev.vtrace.analyzer.PTransition;
import dev.vtrace.analyzer.TraceConsumer;
import dev.vtrace.analyzer.TraceMeta;
import dev.vtrace.format.BlockReason;
import dev.vtrace.format.EventType;
import dev.vtrace.format.PinReason;
import dev.vtrace.format.UnblockKind;
import dev.vtrace.format.reader.Event;
import dev.vtrace.format.reader.Frame;
import dev.vtrace.format.reader.TraceReader;
import dev.vtrace.format.reader.TraceTables;
import dev.vtrace.format.writer.StackTable;
import dev.vtrace.format.writer.StringTable;
import dev.vtrace.format.writer.TraceFileWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A small, seeded scheduler simulation that drives {@link TraceConsumer} callbacks the way the
 * analyzer's ordered stream does (onEvent, then the transitions it causes; aliveAtEnd; finish),
 * and keeps what a viewer should show: per thread its runs, per carrier its runs, flows.
 *
 * <p>Invariants it keeps (so the exporters see a consistent stream): one running thread per
 * carrier; a thread runs on one carrier; wakers are running threads (or the timer / main thread).
 */
final class SyntheticTrace {
    static final long MAIN_THREAD = 1;

    final int carriers;
    final int steps;
    final long seed;
    final int preexisting;

    // expectations
    final Map<Long, String> names = new LinkedHashMap<>();
    final Map<Long, Integer> runs = new HashMap<>();
    final Map<Long, Integer> transitions = new HashMap<>();
    final Map<Long, Integer> pRuns = new HashMap<>();
    /** Intervals in RUNNING per thread (runs, split by pinned blocks). */
    final Map<Long, Integer> runningIntervals = new HashMap<>();
    int creates, unblocksByThread, gcs, events, logs, tasksBegun, regionsBegun;
    long endTs;

    SyntheticTrace(int carriers, int steps, long seed, int preexisting) {
        this.carriers = carriers;
        this.steps = steps;
        this.seed = seed;
        this.preexisting = preexisting;
    }

    /** Runs the simulation, calling every consumer; writes a tables file under {@code dir}. */
    void run(Path dir, TraceConsumer... consumers) {
        names.clear();
        runs.clear();
        transitions.clear();
        pRuns.clear();
        runningIntervals.clear();
        creates = unblocksByThread = gcs = events = logs = tasksBegun = regionsBegun = 0;
        StringTable strings = new StringTable();
        StackTable stacks = new StackTable(strings);
        SplittableRandom rnd = new SplittableRandom(seed);
        long createStack = stacks.id(new StackTraceElement[] {
            new StackTraceElement("java.lang.Thread", "start", "Thread.java", 1500),
            new StackTraceElement("com.acme.Server", "accept", "Server.java", 42),
            new StackTraceElement("com.acme.Main", "main", "Main.java", 7)});
        long blockStack = stacks.id(new StackTraceElement[] {
            new StackTraceElement("java.util.concurrent.locks.LockSupport", "park", "LockSupport.java", 221),
            new StackTraceElement("com.acme.Handler", "read \"quoted\"", "Handler.java", 99)});
        long blockerClass = strings.id("java.util.concurrent.locks.ReentrantLock$NonfairSync");
        long[] regionNames = {strings.id("parse"), strings.id("render"), strings.id("db query")};
        long taskName = strings.id("request");
        long logCategory = strings.id("audit");
        long logMessage = strings.id("user \"bob\" logged in\n(second line)");
        long gcName = strings.id("G1 Young Generation");
        long[] threadNames = new long[64];
        for (int i = 0; i < threadNames.length; i++) {
            threadNames[i] = strings.id("worker-" + i);
        }
        // the tables must exist before the stream (the reader reads them in its index pass)
        TraceTables tables = tables(dir, strings, stacks);
        TraceMeta meta = new TraceMeta("synthetic.bin", null, tables, 0, 0, 0, List.of(), true);
        for (TraceConsumer c : consumers) {
            c.start(meta);
        }

        Event e = new Event();
        GTransition gt = new GTransition();
        PTransition pt = new PTransition();
        long ts = 1000;
        long nextG = 100;
        long nextTask = 1;
        Map<Long, GState> state = new LinkedHashMap<>();
        Map<Long, Long> since = new HashMap<>();
        Map<Long, Long> onP = new HashMap<>();
        long[] pRunning = new long[carriers + 1];
        PState[] pState = new PState[carriers + 1];
        long[] pSince = new long[carriers + 1];
        java.util.Arrays.fill(pState, PState.IDLE);
        Map<Long, List<Long>> openRegions = new HashMap<>();
        List<long[]> openTasks = new ArrayList<>();
        long gcOpen = 0;
        long heap = 50_000_000;

        for (int i = 0; i < preexisting; i++) {
            long g = nextG++;
            state.put(g, i % 2 == 0 ? GState.RUNNABLE : GState.WAITING);
            since.put(g, 0L);
        }

        for (int step = 0; step < steps; step++) {
            ts += rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextInt(5000);
            int action = rnd.nextInt(100);
            List<Long> running = new ArrayList<>();
            List<Long> runnable = new ArrayList<>();
            List<Long> waiting = new ArrayList<>();
            for (var en : state.entrySet()) {
                switch (en.getValue()) {
                    case RUNNING, PINNED -> running.add(en.getKey());
                    case RUNNABLE -> runnable.add(en.getKey());
                    case WAITING -> waiting.add(en.getKey());
                    default -> {}
                }
            }
            if (action < 12 && state.size() < 60) {
                // create
                long g = nextG++;
                long creator = !running.isEmpty() && rnd.nextBoolean() ? running.get(rnd.nextInt(running.size()))
                        : MAIN_THREAD;
                long name = threadNames[(int) (g % threadNames.length)];
                names.put(g, "worker-" + (g % threadNames.length));
                emit(consumers, e.set(EventType.GO_CREATE, ts, 1, g, creator, createStack, name));
                g(consumers, gt, g, ts, GState.NOT_EXIST, ts, GState.RUNNABLE, EventType.GO_CREATE, 0, 0, creator,
                        createStack, name);
                state.put(g, GState.RUNNABLE);
                since.put(g, ts);
                creates++;
            } else if (action < 40 && !runnable.isEmpty()) {
                // schedule on a free carrier
                int p = 0;
                for (int q = 1; q <= carriers; q++) {
                    if (pRunning[q] == 0) {
                        p = q;
                        break;
                    }
                }
                if (p == 0) {
                    continue;
                }
                long g = runnable.get(rnd.nextInt(runnable.size()));
                if (pState[p] == PState.IDLE) {
                    emit(consumers, e.set(EventType.PROC_START, ts, 1000 + p, p, 1000 + p));
                    p(consumers, pt, p, 1000 + p, ts, PState.IDLE, pSince[p], PState.RUNNING);
                    pState[p] = PState.RUNNING;
                    pSince[p] = ts;
                }
                emit(consumers, e.set(EventType.GO_START, ts, 1000 + p, g, p));
                g(consumers, gt, g, ts, GState.RUNNABLE, since.get(g), GState.RUNNING, EventType.GO_START, p, 0, 0, 0,
                        0);
                state.put(g, GState.RUNNING);
                since.put(g, ts);
                onP.put(g, (long) p);
                pRunning[p] = g;
                runs.merge(g, 1, Integer::sum);
                pRuns.merge((long) p, 1, Integer::sum);
            } else if (action < 75 && !running.isEmpty()) {
                long g = running.get(rnd.nextInt(running.size()));
                long p = onP.get(g);
                GState s = state.get(g);
                int what = rnd.nextInt(10);
                if (s == GState.PINNED) {
                    emit(consumers, e.set(EventType.GO_PINNED_UNBLOCK, ts, 1000 + p, g));
                    g(consumers, gt, g, ts, GState.PINNED, since.get(g), GState.RUNNING, EventType.GO_PINNED_UNBLOCK,
                            p, 0, 0, 0, 0);
                    state.put(g, GState.RUNNING);
                    since.put(g, ts);
                } else if (what < 4) {
                    int reason = 1 + rnd.nextInt(17);
                    emit(consumers, e.set(EventType.GO_BLOCK, ts, 1000 + p, g, reason, blockStack, blockerClass));
                    g(consumers, gt, g, ts, GState.RUNNING, since.get(g), GState.WAITING, EventType.GO_BLOCK, p,
                            reason, 0, blockStack, blockerClass);
                    state.put(g, GState.WAITING);
                    since.put(g, ts);
                    unmount(g, p, onP, pRunning);
                } else if (what < 5) {
                    emit(consumers, e.set(EventType.GO_SCHED, ts, 1000 + p, g));
                    g(consumers, gt, g, ts, GState.RUNNING, since.get(g), GState.RUNNABLE, EventType.GO_SCHED, p, 0,
                            0, 0, 0);
                    state.put(g, GState.RUNNABLE);
                    since.put(g, ts);
                    unmount(g, p, onP, pRunning);
                } else if (what < 6) {
                    emit(consumers, e.set(EventType.GO_END, ts, 1000 + p, g));
                    g(consumers, gt, g, ts, GState.RUNNING, since.get(g), GState.NOT_EXIST, EventType.GO_END, p, 0, 0,
                            0, 0);
                    state.remove(g);
                    unmount(g, p, onP, pRunning);
                    openRegions.remove(g);
                } else if (what < 7) {
                    int reason = 1 + rnd.nextInt(5);
                    emit(consumers, e.set(EventType.GO_PINNED_BLOCK, ts, 1000 + p, g, reason, blockStack));
                    g(consumers, gt, g, ts, GState.RUNNING, since.get(g), GState.PINNED, EventType.GO_PINNED_BLOCK, p,
                            reason, 0, blockStack, 0);
                    state.put(g, GState.PINNED);
                    since.put(g, ts);
                } else if (what < 9 && !waiting.isEmpty()) {
                    long w = waiting.get(rnd.nextInt(waiting.size()));
                    emit(consumers, e.set(EventType.GO_UNBLOCK, ts, 1000 + p, w, g, UnblockKind.UNPARK.code(), 0));
                    g(consumers, gt, w, ts, GState.WAITING, since.get(w), GState.RUNNABLE, EventType.GO_UNBLOCK, 0,
                            UnblockKind.UNPARK.code(), g, 0, 0);
                    state.put(w, GState.RUNNABLE);
                    since.put(w, ts);
                    unblocksByThread++;
                } else {
                    // annotations
                    List<Long> open = openRegions.computeIfAbsent(g, k -> new ArrayList<>());
                    int k = rnd.nextInt(4);
                    if (k == 0 && !open.isEmpty()) {
                        long name = open.remove(open.size() - 1);
                        emit(consumers, e.set(EventType.REGION_END, ts, 1000 + p, g, 0, name));
                    } else if (k <= 1) {
                        long name = regionNames[rnd.nextInt(regionNames.length)];
                        open.add(name);
                        emit(consumers, e.set(EventType.REGION_BEGIN, ts, 1000 + p, g, 0, name));
                        regionsBegun++;
                    } else if (k == 2) {
                        emit(consumers, e.set(EventType.LOG, ts, 1000 + p, g, 0, logCategory, logMessage));
                        logs++;
                    } else if (openTasks.isEmpty() || rnd.nextBoolean()) {
                        long id = nextTask++;
                        openTasks.add(new long[] {id, g});
                        emit(consumers, e.set(EventType.TASK_BEGIN, ts, 1000 + p, g, id, 0, taskName));
                        tasksBegun++;
                    } else {
                        long[] t = openTasks.remove(0);
                        emit(consumers, e.set(EventType.TASK_END, ts, 1000 + p, g, t[0]));
                    }
                }
            } else if (action < 82 && !waiting.isEmpty()) {
                // timer wakes someone
                long w = waiting.get(rnd.nextInt(waiting.size()));
                emit(consumers, e.set(EventType.GO_UNBLOCK, ts, 999, w, 0, UnblockKind.TIMEOUT.code(), 0));
                g(consumers, gt, w, ts, GState.WAITING, since.get(w), GState.RUNNABLE, EventType.GO_UNBLOCK, 0,
                        UnblockKind.TIMEOUT.code(), 0, 0, 0);
                state.put(w, GState.RUNNABLE);
                since.put(w, ts);
            } else if (action < 90) {
                for (int q = 1; q <= carriers; q++) {
                    if (pRunning[q] == 0 && pState[q] == PState.RUNNING) {
                        emit(consumers, e.set(EventType.PROC_STOP, ts, 1000 + q, q));
                        p(consumers, pt, q, 1000 + q, ts, PState.RUNNING, pSince[q], PState.IDLE);
                        pState[q] = PState.IDLE;
                        pSince[q] = ts;
                        break;
                    }
                }
            } else if (action < 95) {
                if (gcOpen == 0) {
                    gcOpen = ++gcs;
                    emit(consumers, e.set(EventType.GC_BEGIN, ts, 2, gcOpen, gcName));
                } else {
                    emit(consumers, e.set(EventType.GC_END, ts, 2, gcOpen, 1234));
                    gcOpen = 0;
                    heap = 40_000_000 + rnd.nextInt(20_000_000);
                    emit(consumers, e.set(EventType.HEAP, ts, 2, heap));
                }
            }
        }
        endTs = ts + 10;
        for (var en : state.entrySet()) {
            gt.g = en.getKey();
            gt.ts = endTs;
            gt.from = en.getValue();
            gt.to = en.getValue();
            gt.fromTs = since.get(en.getKey());
            gt.cause = null;
            gt.p = onP.getOrDefault(en.getKey(), 0L);
            gt.reason = 0;
            gt.by = 0;
            gt.stack = 0;
            gt.str = 0;
            for (TraceConsumer c : consumers) {
                c.aliveAtEnd(gt);
            }
        }
        for (TraceConsumer c : consumers) {
            c.finish(endTs);
        }
    }

    private static void unmount(long g, long p, Map<Long, Long> onP, long[] pRunning) {
        onP.remove(g);
        pRunning[(int) p] = 0;
    }

    private void emit(TraceConsumer[] cs, Event e) {
        events++;
        for (TraceConsumer c : cs) {
            c.onEvent(e);
        }
    }

    private void g(TraceConsumer[] cs, GTransition t, long g, long ts, GState from, long fromTs, GState to,
            EventType cause, long p, int reason, long by, long stack, long str) {
        t.g = g;
        t.ts = ts;
        t.from = from;
        t.fromTs = fromTs;
        t.to = to;
        t.cause = cause;
        t.p = p;
        t.reason = reason;
        t.by = by;
        t.stack = stack;
        t.str = str;
        transitions.merge(g, 1, Integer::sum);
        if (to == GState.RUNNING) {
            runningIntervals.merge(g, 1, Integer::sum);
        }
        for (TraceConsumer c : cs) {
            c.onG(t);
        }
    }

    private static void p(TraceConsumer[] cs, PTransition t, long p, long m, long ts, PState from, long fromTs,
            PState to) {
        t.p = p;
        t.m = m;
        t.ts = ts;
        t.from = from;
        t.fromTs = fromTs;
        t.to = to;
        for (TraceConsumer c : cs) {
            c.onP(t);
        }
    }

    /** Writes the string and stack tables to a file and reads them back, as the analyzer would. */
    static TraceTables tables(Path dir, StringTable strings, StackTable stacks) {
        try {
            Path f = Files.createTempFile(dir, "tables", ".bin");
            try (TraceFileWriter w = new TraceFileWriter(Files.newOutputStream(f), false, strings, stacks)) {
                w.writeTables();
            }
            TraceTables t = new TraceTables();
            try (TraceReader r = TraceReader.open(f)) {
                Frame fr;
                while ((fr = r.next()) != null) {
                    t.add(fr);
                }
            }
            return t;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
