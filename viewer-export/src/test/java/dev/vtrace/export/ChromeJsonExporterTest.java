package dev.vtrace.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the JSON export with an independent consumer of the Trace Event Format: Chrome DevTools'
 * trace engine ({@code @paulirish/trace_engine} from npm), installed under target/node on first
 * use by src/test/node/install-trace-engine.sh. Skipped (with the reason) only without node/npm.
 */
class ChromeJsonExporterTest {
    static final Path MODULE = Path.of("").toAbsolutePath();
    static final Path ENGINE = MODULE.resolve("target/node");
    static final Path NODE_DIR = MODULE.resolve("src/test/node");

    @TempDir
    Path dir;

    /** What the trace engine saw. */
    record Seen(double min, double max, Map<String, String> threadNames, Map<String, Integer> slices) {
        /** X slices named {@code name} on thread pid/tid. */
        int slices(int pid, long tid, String name) {
            return slices.getOrDefault(pid + "/" + tid + "/" + name, 0);
        }

        int allSlices(int pid, long tid, String exceptPrefix) {
            String key = pid + "/" + tid + "/";
            return slices.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(key) && !e.getKey().substring(key.length()).startsWith(exceptPrefix))
                    .mapToInt(Map.Entry::getValue).sum();
        }
    }

    @BeforeAll
    static void installEngine() throws Exception {
        assumeTrue(onPath("node") && onPath("npm"),
                "node and npm are needed to check the JSON with Chrome's trace engine; install Node.js 20+");
        run(List.of("sh", NODE_DIR.resolve("install-trace-engine.sh").toString(), ENGINE.toString()), 300);
    }

    private static boolean onPath(String tool) {
        try {
            Process p = new ProcessBuilder("sh", "-c", "command -v " + tool).redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String run(List<String> command, int timeoutSeconds) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(timeoutSeconds, TimeUnit.SECONDS), "timed out: " + command);
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "exit status of " + command + ", output:\n" + text);
        return text;
    }

    static Seen analyze(Path file) throws Exception {
        String out = run(List.of("node", NODE_DIR.resolve("summarize-trace.mjs").toString(), ENGINE.toString(),
                file.toString()), 120);
        double min = 0, max = 0;
        Map<String, String> names = new HashMap<>();
        Map<String, Integer> slices = new HashMap<>();
        for (String line : out.split("\n")) {
            String[] f = line.split("\t", -1);
            switch (f[0]) {
                case "bounds" -> {
                    min = Double.parseDouble(f[1]);
                    max = Double.parseDouble(f[2]);
                }
                case "thread" -> names.put(f[1] + "/" + f[2], f[3]);
                case "slice" -> slices.put(f[1] + "/" + f[2] + "/" + f[3], Integer.parseInt(f[4]));
                default -> {}
            }
        }
        return new Seen(min, max, names, slices);
    }

    private static String label(SyntheticTrace sim, long g) {
        String name = sim.names.get(g);
        return name == null ? "G" + g : "G" + g + " " + name;
    }

    private void assertMatches(SyntheticTrace sim, Seen seen) {
        for (var en : sim.runs.entrySet()) {
            long g = en.getKey();
            assertEquals(label(sim, g), seen.threadNames().get("2/" + g), "name of thread G" + g);
            assertEquals(sim.runningIntervals.get(g), seen.slices(2, g, "running"), "running slices of G" + g);
        }
        for (int p = 1; p <= sim.carriers; p++) {
            String carrier = seen.threadNames().get("1/" + p);
            assertTrue(carrier.equals("P" + p) || carrier.startsWith("P" + p + " (M"), "carrier thread name " + carrier);
            assertEquals(sim.pRuns.getOrDefault((long) p, 0), seen.allSlices(1, p, "pinned: "), "runs on P" + p);
        }
        assertTrue(seen.max() <= sim.endTs / 1000.0 + 1 && seen.max() > sim.endTs / 1000.0 / 2,
                "trace bounds " + seen.min() + ".." + seen.max() + " µs for a trace ending at " + sim.endTs + " ns");
    }

    @Test
    void traceEngineReadsThreadsAndSlices() throws Exception {
        SyntheticTrace sim = new SyntheticTrace(4, 20_000, 42, 3);
        Path json = dir.resolve("t.json");
        try (Exporter x = Exporters.forPath(json, ExportOptions.defaults().withCommand("java -jar app.jar"))) {
            sim.run(dir, x);
        }
        Seen seen = analyze(json);
        assertMatches(sim, seen);
        System.out.printf("json: %d events -> %d bytes, %.2f bytes/event%n", sim.events, Files.size(json),
                (double) Files.size(json) / sim.events);
    }

    @Test
    void gzipJsonReadsTheSame() throws Exception {
        SyntheticTrace sim = new SyntheticTrace(3, 10_000, 8, 1);
        Path plain = dir.resolve("t.json");
        Path gz = dir.resolve("t.json.gz");
        long gzBytes;
        try (Exporter a = Exporters.forPath(plain, ExportOptions.defaults());
                Exporter b = Exporters.forPath(gz, ExportOptions.defaults())) {
            sim.run(dir, a, b);
            b.close();
            gzBytes = b.bytesWritten();
        }
        assertEquals(Files.size(gz), gzBytes, "bytesWritten of the gzip exporter");
        byte[] inflated;
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            inflated = in.readAllBytes();
        }
        assertEquals(new String(Files.readAllBytes(plain), StandardCharsets.UTF_8),
                new String(inflated, StandardCharsets.UTF_8), "gzip content");
        assertTrue(gzBytes * 5 < Files.size(plain), "gzip should shrink JSON a lot: " + gzBytes + " vs "
                + Files.size(plain));
        assertMatches(sim, analyze(gz));
    }

    @Test
    void warnsOnceWhenTheJsonGetsBig() throws Exception {
        List<String> warnings = new ArrayList<>();
        SyntheticTrace sim = new SyntheticTrace(2, 20_000, 1, 0);
        ChromeJsonExporter x = new ChromeJsonExporter(new ByteArrayOutputStream(),
                ExportOptions.defaults().withJsonWarnBytes(100_000).withWarnings(warnings::add));
        sim.run(dir, x);
        x.close();
        assertEquals(1, warnings.size(), "warnings: " + warnings);
        assertTrue(warnings.get(0).contains(".pftrace"), warnings.get(0));
    }
}
