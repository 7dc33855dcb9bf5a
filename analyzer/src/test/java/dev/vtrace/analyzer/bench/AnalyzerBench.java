package dev.vtrace.analyzer.bench;

import dev.vtrace.analyzer.Analysis;
import dev.vtrace.analyzer.OrderedStream;
import dev.vtrace.analyzer.Report;
import dev.vtrace.analyzer.TraceConsumer;
import dev.vtrace.format.writer.SyntheticTrace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Events per second of the analyzer over a generated 10M-event trace (8 carriers): the ordered,
 * state-reconstructed stream alone, and with the full {@link Analysis}. Scores are events/s.
 *
 * <p>Run: {@code ./mvnw -B -Pbench -pl analyzer -am clean verify -DskipTests} (profile "bench" in
 * analyzer/pom.xml; never part of the normal build).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 3)
public class AnalyzerBench {
    static final int EVENTS = 10_000_000;

    Path file;

    @Setup
    public void setup() throws IOException {
        file = Files.createTempFile("vtrace-bench", ".bin");
        long n = SyntheticTrace.write(file, EVENTS, 8);
        if (n < EVENTS || n > EVENTS + 5) { // the generator ends after a whole cycle: up to 5 more
            throw new AssertionError("generated " + n + " events, want " + EVENTS + " to " + (EVENTS + 5));
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int orderedStream() throws IOException {
        int[] n = new int[1];
        OrderedStream.run(file, new TraceConsumer() {
            @Override
            public void onG(dev.vtrace.analyzer.GTransition t) {
                n[0]++;
            }
        });
        return n[0];
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public Report orderedStreamAndStats() throws IOException {
        return Analysis.run(file, Analysis.Options.defaults());
    }
}
