package dev.vtrace.recorder.internal;

import dev.vtrace.format.writer.StackTable;
import dev.vtrace.format.writer.StringTable;
import dev.vtrace.format.writer.TraceFileWriter;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * The recorder's hot path as the injected code calls it: {@code Hooks} → slot (carrier
 * thread-local) → buffer → encoder, with the real writer thread draining full buffers to a null
 * stream. One JMH thread acts as a carrier (its platform thread's slot); the "thread" passed to
 * the hooks is itself, since the hooks only read its id.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar HotPathBench}. Lives in the recorder's
 * internal package to start a recording without an agent.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
        "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
        "--add-exports", "java.base/jdk.internal.access=ALL-UNNAMED",
        "--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class HotPathBench {
    /** Agent options, separated by ';' (JMH splits parameter values on ','). */
    @Param({"stacks=none", "stacks=block"})
    public String options;

    private Writer writer;
    private Thread loop;

    @Setup(Level.Trial)
    public void start() throws Exception {
        Options o = Options.parse(options.replace(';', ','));
        StringTable strings = new StringTable();
        Recorder.init(o, strings, new StackTable(strings));
        writer = new Writer(new TraceFileWriter(OutputStream.nullOutputStream(), o.compress(),
                Recorder.strings, Recorder.stacks), o.flushNanos());
        loop = new Thread(writer, "vtrace-writer");
        loop.setDaemon(true);
        Recorder.writerThread = loop;
        loop.start();
        Recorder.on = true;
    }

    @TearDown(Level.Trial)
    public void stop() {
        writer.finish(loop, "bench");
        if (Recorder.DROPPED.sum() != 0) {
            System.err.println("dropped " + Recorder.DROPPED.sum() + " events: the writer fell behind");
        }
    }

    /** The floor: the clock every event reads. */
    @Benchmark
    public long nanoTime() {
        return System.nanoTime();
    }

    /** GoStart: the smallest scheduler event. */
    @Benchmark
    public void goStart() {
        Hooks.goStart(Thread.currentThread());
    }

    /** GoUnblock as the submit call sites emit it. */
    @Benchmark
    public void goUnblock() {
        Hooks.goUnblock(Thread.currentThread(), 9, 1);
    }

    /**
     * One blocking park with a call-site marker, as a SynchronousQueue take does it: mark, park
     * entry (reason decided), GoBlock at afterYield, unmark — one event, four hook calls.
     */
    @Benchmark
    public void markedPark() {
        Thread t = Thread.currentThread();
        Hooks.markQueueTake();
        Hooks.parkEntry(t);
        Hooks.afterYield(t, Hooks.PARKING);
        Hooks.unmark();
    }

    /**
     * {@link #markedPark} under {@code depth} more frames (a server's park sits 20–30 frames deep;
     * the stack kept is capped at 32 frames): what {@code stacks=block} costs per park there.
     */
    @Benchmark
    public void markedParkDeep() {
        deep(24);
    }

    private void deep(int depth) {
        if (depth == 0) {
            markedPark();
        } else {
            deep(depth - 1);
        }
    }
}
