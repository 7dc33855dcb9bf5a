package dev.vtrace.bench;

import dev.vtrace.format.reader.BatchRef;
import dev.vtrace.format.reader.Event;
import dev.vtrace.format.reader.EventBatch;
import dev.vtrace.format.reader.TraceIndex;
import dev.vtrace.format.reader.TraceReader;
import dev.vtrace.format.writer.EventBuffer;
import dev.vtrace.format.writer.FooterInfo;
import dev.vtrace.format.writer.HeaderInfo;
import dev.vtrace.format.writer.StackTable;
import dev.vtrace.format.writer.StringTable;
import dev.vtrace.format.writer.TraceFileWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reader throughput: decode every event of a 5M-event trace of the realistic mix, raw and
 * deflated. Score is ms per pass; events/s = 5M / score. Goal ≥ 50M events/s on one core.
 * Run: {@code java -jar bench/target/benchmarks.jar ReaderBench}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ReaderBench {
    static final int EVENTS = 5_000_000;

    @Param({"false", "true"})
    public boolean deflate;

    private Path file;

    @Setup(Level.Trial)
    public void write() throws IOException {
        file = Files.createTempFile("vtrace-bench", ".bin");
        writeTrace(file, deflate, EVENTS);
    }

    /** Writes {@code events} events of the realistic mix in 64 KiB batches; returns events written. */
    static long writeTrace(Path file, boolean deflate, int events) throws IOException {
        StringTable strings = new StringTable();
        EventMix mix = new EventMix();
        long n = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
                TraceFileWriter w = new TraceFileWriter(out, deflate, strings, new StackTable(strings))) {
            w.writeHeader(new HeaderInfo(0, 0, "25", "", 1, "bench", "bench", "", 2, 2, ""));
            EventBuffer b = new EventBuffer(64 << 10);
            while (n < events) {
                b.reset(1 + (n & 3), 0);
                n += mix.fill(b);
                w.writeBatch(b);
            }
            w.writeFooter(new FooterInfo(0, n, 0, 0, 0, "exit"));
        }
        return n;
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public long decodeAll(Blackhole bh) throws IOException {
        long sum = 0;
        try (TraceReader r = TraceReader.open(file)) {
            TraceIndex ix = TraceIndex.build(r, false);
            EventBatch batch = new EventBatch();
            Event e = new Event();
            for (BatchRef ref : ix.batches()) {
                batch.reset(r.readAt(ref.offset()));
                while (batch.next(e)) {
                    sum += e.arg(0);
                }
            }
        }
        return sum;
    }
}
