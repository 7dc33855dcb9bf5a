package dev.vtrace.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtrace.analyzer.GState;
import dev.vtrace.analyzer.GTransition;
import dev.vtrace.analyzer.OrderedStream;
import dev.vtrace.analyzer.PTransition;
import dev.vtrace.analyzer.TraceConsumer;
import dev.vtrace.format.EventType;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exports recordings made by the real agent on the samples ({@code trace record --sample NAME},
 * kept in src/test/resources/recordings: block-reasons, web-api-leak, and pingpong with
 * {@code --handoffs=2000}) to both formats, and checks them against what the analyzer's stream
 * says: the protobuf structurally ({@link PerfettoCheck}) and slice by slice, the JSON through
 * Chrome's trace engine. Real recordings have what the simulation lacks: threads alive at the
 * start, platform-thread wakers, JDK thread names, deep stacks, pinned parks, GC.
 */
class RecordedTracesTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void engine() throws Exception {
        ChromeJsonExporterTest.installEngine();
    }

    /** Ground truth from the analyzer's stream: per thread, runs; per carrier, runs; flows. */
    static final class Truth implements TraceConsumer {
        final Map<Long, Integer> running = new HashMap<>();
        final Map<Long, Integer> pRuns = new HashMap<>();
        final Map<Long, GState> state = new HashMap<>();
        final Map<Long, Long> onP = new HashMap<>();
        int flows;
        int pinned;
        long events;

        @Override
        public void onEvent(dev.vtrace.format.reader.Event e) {
            events++;
        }

        @Override
        public void onG(GTransition t) {
            GState before = state.getOrDefault(t.g, t.from);
            boolean wasRunning = before == GState.RUNNING || before == GState.PINNED;
            if (!state.containsKey(t.g) && wasRunning && t.p != 0) {
                // alive and running at the trace start: one run, shown from the start
                running.merge(t.g, before == GState.RUNNING ? 1 : 0, Integer::sum);
                pRuns.merge(t.p, 1, Integer::sum);
                onP.put(t.g, t.p);
            }
            if (t.to == GState.RUNNING) {
                running.merge(t.g, 1, Integer::sum);
            }
            boolean isRunning = t.to == GState.RUNNING || t.to == GState.PINNED;
            Long p = onP.get(t.g);
            if (isRunning && t.p != 0 && (p == null || p != t.p)) {
                pRuns.merge(t.p, 1, Integer::sum);
                onP.put(t.g, t.p);
            } else if (!isRunning) {
                onP.remove(t.g);
            }
            if (t.to == GState.PINNED) {
                pinned++;
            }
            if (t.cause == EventType.GO_CREATE && t.by != 0
                    || t.cause == EventType.GO_UNBLOCK && t.to == GState.RUNNABLE && t.by != 0 && t.by != t.g) {
                flows++;
            }
            state.put(t.g, t.to);
            if (t.to == GState.NOT_EXIST) {
                state.remove(t.g);
            }
        }

        @Override
        public void onP(PTransition t) {}
    }

    static Path recording(Path dir, String name) throws Exception {
        Path out = dir.resolve(name + ".bin");
        try (InputStream in = Objects.requireNonNull(RecordedTracesTest.class.getResourceAsStream("/recordings/" + name
                + ".bin"), name)) {
            Files.copy(in, out);
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"block-reasons", "web-api-leak", "pingpong"})
    void exportsCheckOutInBothFormats(String sample) throws Exception {
        Path trace = recording(dir, sample);
        Truth truth = new Truth();
        Path pb = dir.resolve(sample + ".pftrace");
        Path gz = dir.resolve(sample + ".json.gz");
        try (Exporter a = Exporters.forPath(pb, ExportOptions.defaults());
                Exporter b = Exporters.forPath(gz, ExportOptions.defaults())) {
            OrderedStream.run(trace, truth, a, b);
        }
        // protobuf: structure, then content against the stream
        PerfettoCheck c = PerfettoCheck.check(Files.readAllBytes(pb));
        assertEquals(truth.flows, c.flows, sample + ": flows (creations and wake-ups by another thread)");
        for (var en : truth.running.entrySet()) {
            long uuid = c.threadTrack(en.getKey());
            assertEquals((int) en.getValue(), c.slices(uuid, "running"), sample + ": running slices of G" + en.getKey());
        }
        for (var en : truth.pRuns.entrySet()) {
            long uuid = c.carrierTrack(en.getKey());
            int runs = c.slices.getOrDefault(uuid, Map.of()).entrySet().stream()
                    .filter(e -> !e.getKey().startsWith("pinned: ") && !e.getKey().equals("carrier blocked"))
                    .mapToInt(Map.Entry::getValue).sum();
            assertEquals((int) en.getValue(), runs, sample + ": runs on P" + en.getKey());
        }
        // JSON: Chrome's trace engine sees every thread and its running slices
        ChromeJsonExporterTest.Seen seen = ChromeJsonExporterTest.analyze(gz);
        for (var en : truth.running.entrySet()) {
            long g = en.getKey();
            assertTrue(seen.threadNames().get("2/" + g).startsWith("G" + g), sample + ": JSON thread name of G" + g);
            assertEquals((int) en.getValue(), seen.slices(2, g, "running"), sample + ": JSON running slices of G" + g);
        }
        System.out.printf("%s: %d events -> %d bytes .pftrace (%.1f bytes/event), %d bytes .json.gz (%.1f)%n", sample,
                truth.events, Files.size(pb), (double) Files.size(pb) / truth.events, Files.size(gz),
                (double) Files.size(gz) / truth.events);
    }
}
