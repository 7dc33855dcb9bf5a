package dev.vtrace.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtrace.export.internal.perfetto.TrackDescriptor;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerfettoExporterTest {
    @TempDir
    Path dir;

    private byte[] export(SyntheticTrace sim, ExportOptions options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PerfettoExporter x = new PerfettoExporter(out, options);
        sim.run(dir, x);
        assertEquals(out.size(), x.bytesWritten(), "bytesWritten");
        assertEquals(sim.events, x.eventsSeen(), "eventsSeen");
        return out.toByteArray();
    }

    private static String label(SyntheticTrace sim, long g) {
        String name = sim.names.get(g);
        return name == null ? "G" + g : "G" + g + " " + name;
    }

    @Test
    void structureAndContentMatchTheSimulation() throws Exception {
        SyntheticTrace sim = new SyntheticTrace(4, 20_000, 42, 3);
        byte[] bytes = export(sim, ExportOptions.defaults().withCommand("java -jar app.jar"));
        PerfettoCheck c = PerfettoCheck.check(bytes);

        TrackDescriptor process = c.tracks.values().iterator().next();
        assertEquals("vtrace: java -jar app.jar", process.getProcess().getProcessName(), "process name");
        long runningTotal = 0;
        for (var en : sim.runs.entrySet()) {
            long uuid = c.track(label(sim, en.getKey()));
            assertEquals(sim.runningIntervals.get(en.getKey()), c.slices(uuid, "running"),
                    "running slices of G" + en.getKey());
            runningTotal += en.getValue();
        }
        assertTrue(runningTotal > 1000, "the simulation should run threads a lot, got " + runningTotal);
        long pRuns = 0;
        for (int p = 1; p <= sim.carriers; p++) {
            long uuid = c.carrierTrack(p);
            int pinned = c.slices.getOrDefault(uuid, Map.of()).entrySet().stream()
                    .filter(e -> e.getKey().startsWith("pinned: ")).mapToInt(Map.Entry::getValue).sum();
            assertEquals(sim.pRuns.getOrDefault((long) p, 0), c.allSlices(uuid) - pinned, "runs on P" + p);
            pRuns += sim.pRuns.getOrDefault((long) p, 0);
        }
        assertEquals(runningTotal, pRuns, "runs on carriers = runs of threads");
        assertEquals(sim.creates + sim.unblocksByThread, c.flows, "flows: one per creation and per thread wake-up");
        assertEquals(sim.gcs, c.allSlices(c.track("GC")), "GC slices");
        assertTrue(c.counterSamples.get(c.track("runnable threads")) > 100, "runnable counter samples");
        assertTrue(c.counterSamples.containsKey(c.track("heap")), "heap counter");
        assertTrue(c.allSlices(c.track("request")) > 0, "user task slices");
        // pre-existing threads are shown from the trace start
        assertTrue(c.tracks.values().stream().anyMatch(t -> t.getName().equals("G100")), "pre-existing G100");
        System.out.printf("perfetto: %d events -> %d packets, %d bytes, %.2f bytes/event%n", sim.events, c.packets,
                bytes.length, (double) bytes.length / sim.events);
    }

    @Test
    void outputIsDeterministic() {
        SyntheticTrace sim = new SyntheticTrace(3, 5_000, 7, 2);
        assertArrayEquals(export(sim, ExportOptions.defaults()), export(sim, ExportOptions.defaults()));
    }

    @Test
    void timeWindowCutsSlicesAtItsEdges() throws Exception {
        SyntheticTrace sim = new SyntheticTrace(4, 20_000, 5, 3);
        sim.run(dir); // learn the end
        long from = sim.endTs / 3;
        long to = 2 * sim.endTs / 3;
        byte[] bytes = export(sim, ExportOptions.defaults().withWindow(from, to));
        PerfettoCheck c = PerfettoCheck.check(bytes);
        assertTrue(c.minEventTs >= from && c.maxEventTs <= to,
                "timestamps " + c.minEventTs + ".." + c.maxEventTs + " outside [" + from + ", " + to + "]");
        assertTrue(c.flows > 0, "flows inside the window");
        byte[] all = export(sim, ExportOptions.defaults());
        assertTrue(bytes.length < all.length * 0.6, "a third of the time should give well under all of the bytes: "
                + bytes.length + " vs " + all.length);
    }

    @Test
    void filterKeepsOnlyMatchingThreadTracks() throws Exception {
        SyntheticTrace sim = new SyntheticTrace(4, 10_000, 9, 0);
        PerfettoCheck c = PerfettoCheck.check(export(sim, ExportOptions.defaults().withFilter("worker-1")));
        Set<String> gTracks = c.tracks.values().stream().filter(t -> t.getName().matches("G\\d+ .*"))
                .map(TrackDescriptor::getName).collect(Collectors.toSet());
        assertFalse(gTracks.isEmpty(), "some worker-1x threads");
        gTracks.forEach(n -> assertTrue(n.contains("worker-1"), "kept " + n));
        // carriers still show everything
        long pRuns = sim.pRuns.values().stream().mapToLong(Integer::longValue).sum();
        long shown = 0;
        for (int p = 1; p <= sim.carriers; p++) {
            long uuid = c.carrierTrack(p);
            shown += c.slices.getOrDefault(uuid, Map.of()).entrySet().stream()
                    .filter(e -> !e.getKey().startsWith("pinned: ")).mapToInt(Map.Entry::getValue).sum();
        }
        assertEquals(pRuns, shown, "carrier runs with a filter");
    }

    @Test
    void maxThreadsKeepsTheBusiest() throws Exception {
        SyntheticTrace sim = new SyntheticTrace(4, 10_000, 11, 0);
        BusiestThreads pre = new BusiestThreads();
        sim.run(dir, pre);
        Set<Long> top = pre.top(5);
        assertEquals(5, top.size());
        PerfettoCheck c = PerfettoCheck.check(export(sim, ExportOptions.defaults().withKeepThreads(top)));
        Set<Long> shown = c.tracks.values().stream().filter(t -> t.getName().matches("G\\d+( .*)?"))
                .map(t -> Long.parseLong(t.getName().split(" ")[0].substring(1))).collect(Collectors.toSet());
        assertEquals(top, shown, "thread tracks");
        long min = top.stream().mapToLong(pre::runningNs).min().orElseThrow();
        for (long g : sim.runs.keySet()) {
            if (!top.contains(g)) {
                assertTrue(pre.runningNs(g) <= min, "G" + g + " busier than a kept thread");
            }
        }
    }

    @Test
    void forPathChoosesByExtension() throws Exception {
        assertEquals(Exporters.Format.PERFETTO, Exporters.formatOf(Path.of("a.pftrace")));
        assertEquals(Exporters.Format.PERFETTO, Exporters.formatOf(Path.of("a.perfetto-trace")));
        assertEquals(Exporters.Format.PERFETTO, Exporters.formatOf(Path.of("a.PB")));
        assertEquals(Exporters.Format.JSON, Exporters.formatOf(Path.of("a.json")));
        assertEquals(Exporters.Format.JSON_GZ, Exporters.formatOf(Path.of("dir/a.trace.json.gz")));
        assertEquals(Exporters.Format.PERFETTO_GZ, Exporters.formatOf(Path.of("a.Pftrace.gz")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Exporters.forPath(dir.resolve("out.txt"), ExportOptions.defaults()));
        assertTrue(e.getMessage().contains("out.txt") && e.getMessage().contains(".pftrace, .perfetto-trace, .pb, .json, .json.gz"),
                e.getMessage());
        assertFalse(Files.exists(dir.resolve("out.txt")), "nothing created for a bad name");

        Path out = dir.resolve("x.pftrace");
        SyntheticTrace sim = new SyntheticTrace(2, 2_000, 3, 1);
        try (Exporter x = Exporters.forPath(out, ExportOptions.defaults())) {
            sim.run(dir, x);
        }
        PerfettoCheck.check(Files.readAllBytes(out));
    }

    @Test
    void pftraceGzIsTheSameProtobufGzipped() throws Exception {
        SyntheticTrace sim = new SyntheticTrace(3, 5_000, 11, 2);
        Path plain = dir.resolve("x.pftrace");
        Path gz = dir.resolve("x.pftrace.gz");
        try (Exporter a = Exporters.forPath(plain, ExportOptions.defaults())) {
            sim.run(dir, a);
        }
        Exporter b = Exporters.forPath(gz, ExportOptions.defaults());
        sim.run(dir, b);
        b.close();
        long reported = b.bytesWritten();
        byte[] inflated;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            inflated = in.readAllBytes();
        }
        assertArrayEquals(Files.readAllBytes(plain), inflated, "gunzip gives the .pftrace byte for byte");
        assertEquals(Files.size(gz), reported, "bytesWritten counts the compressed bytes");
        assertTrue(Files.size(gz) * 2 < Files.size(plain), Files.size(gz) + " bytes gzipped vs " + Files.size(plain));
        PerfettoCheck.check(inflated);
    }
}
