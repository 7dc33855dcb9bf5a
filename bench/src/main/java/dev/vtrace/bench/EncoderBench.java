package dev.vtrace.bench;

import dev.vtrace.format.EventType;
import dev.vtrace.format.writer.EventBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * The recorder's hot-path encoder: ns per event for the common shapes. Goal ≤ 10 ns.
 * Run: {@code java -jar bench/target/benchmarks.jar EncoderBench}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class EncoderBench {
    private final EventBuffer buf = new EventBuffer(64 << 10);
    private long ts;
    private long g = 5000;

    @Setup(Level.Iteration)
    public void setup() {
        buf.reset(1, 0);
    }

    @Benchmark
    public int goStart() {
        if (!buf.hasRoom()) {
            buf.reset(1, 0);
        }
        buf.event2(EventType.GO_START, ts += 1_234, g += 3, 1);
        return buf.size();
    }

    @Benchmark
    public int goBlock() {
        if (!buf.hasRoom()) {
            buf.reset(1, 0);
        }
        buf.event4(EventType.GO_BLOCK, ts += 1_234, g += 3, 6, 0, 0);
        return buf.size();
    }

    @Benchmark
    public int goUnblock() {
        if (!buf.hasRoom()) {
            buf.reset(1, 0);
        }
        buf.event4(EventType.GO_UNBLOCK, ts += 1_234, g += 3, 77, 0, 0);
        return buf.size();
    }
}
