package dev.vtrace.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtrace.export.internal.perfetto.Trace;
import dev.vtrace.export.internal.perfetto.TracePacket;
import dev.vtrace.export.internal.perfetto.TrackDescriptor;
import dev.vtrace.export.internal.perfetto.TrackEvent;
import dev.vtrace.format.reader.TraceIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trace export} end to end: records the pingpong sample with the real agent (in-process
 * {@code trace record}), exports it, and reads the output back. The exporters' own tests
 * (viewer-export) check the formats in depth; this checks the command: exit codes, messages,
 * and that its options reach the output.
 */
class ExportCommandTest {
    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    static Path trace;

    @BeforeAll
    static void record() {
        trace = shared.resolve("pp.bin");
        CliRun.Result r = CliRun.run("record", "-o", trace.toString(), "--sample", "pingpong", "--",
                "--handoffs=500");
        assertEquals(0, r.code(), r.err());
    }

    /** What a Perfetto trace holds, after checking its structure. */
    record Parsed(Map<Long, TrackDescriptor> tracks, long minTs, long maxTs, int flows, int events) {
        long count(String parentName) {
            long parent = tracks.values().stream().filter(t -> t.getName().equals(parentName)).findFirst()
                    .orElseThrow().getUuid();
            return tracks.values().stream().filter(t -> t.getParentUuid() == parent).count();
        }
    }

    /**
     * Parses a .pftrace and checks what a viewer relies on: the first packet opens the sequence
     * (state cleared, incremental clock anchored), tracks are described before use, slices are
     * balanced per track, flows have both ends; timestamps are decoded (deltas on clock 64).
     */
    static Parsed parse(Path file) throws IOException {
        Trace t = Trace.parseFrom(Files.readAllBytes(file));
        Map<Long, TrackDescriptor> tracks = new HashMap<>();
        Map<Long, ArrayDeque<Integer>> open = new HashMap<>();
        Set<Long> flowsOut = new HashSet<>();
        Set<Long> flowsIn = new HashSet<>();
        long clock = -1;
        int defaultClock = 0;
        long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
        int events = 0;
        for (int i = 0; i < t.getPacketCount(); i++) {
            TracePacket p = t.getPacket(i);
            if (i == 0) {
                assertEquals(1, p.getSequenceFlags() & 1, "the first packet clears the incremental state");
            }
            if (p.hasTracePacketDefaults()) {
                defaultClock = p.getTracePacketDefaults().getTimestampClockId();
            }
            if (p.hasClockSnapshot()) {
                for (var c : p.getClockSnapshot().getClocksList()) {
                    if (c.getClockId() == 64) {
                        clock = c.getTimestamp();
                    }
                }
                continue;
            }
            if (p.hasTrackDescriptor()) {
                TrackDescriptor d = p.getTrackDescriptor();
                assertTrue(!d.hasParentUuid() || tracks.containsKey(d.getParentUuid()), "parent first: " + d);
                assertTrue(tracks.put(d.getUuid(), d) == null, "described once: " + d);
                continue;
            }
            assertTrue(p.hasTrackEvent(), "packet " + i + ": " + p);
            TrackEvent e = p.getTrackEvent();
            assertTrue(tracks.containsKey(e.getTrackUuid()), "track described before use: packet " + i);
            long ts;
            if ((p.hasTimestampClockId() ? p.getTimestampClockId() : defaultClock) == 64) {
                assertTrue(clock >= 0, "clock 64 anchored before use");
                clock += p.getTimestamp();
                ts = clock;
            } else {
                ts = p.getTimestamp();
            }
            min = Math.min(min, ts);
            max = Math.max(max, ts);
            events++;
            switch (e.getType()) {
                case TYPE_SLICE_BEGIN -> open.computeIfAbsent(e.getTrackUuid(), k -> new ArrayDeque<>()).push(i);
                case TYPE_SLICE_END -> {
                    ArrayDeque<Integer> st = open.get(e.getTrackUuid());
                    assertTrue(st != null && !st.isEmpty(), "end without begin: packet " + i);
                    st.pop();
                }
                default -> {}
            }
            flowsOut.addAll(e.getFlowIdsList());
            flowsIn.addAll(e.getTerminatingFlowIdsList());
        }
        open.forEach((uuid, st) -> assertTrue(st.isEmpty(), "unclosed slices on " + tracks.get(uuid).getName()));
        assertEquals(flowsOut, flowsIn, "every flow has both ends");
        return new Parsed(tracks, min, max, flowsOut.size(), events);
    }

    @Test
    void exportsBothFormatsAndSaysWhereToOpenThem() throws IOException {
        Path pb = dir.resolve("pp.pftrace");
        CliRun.Result r = CliRun.run("export", trace.toString(), "-o", pb.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.err().contains("Exported " + trace + " -> " + pb), r.err());
        assertTrue(r.err().contains("https://ui.perfetto.dev"), r.err());
        Parsed p = parse(pb);
        assertEquals(2, p.count("virtual threads"), "the two ping-pong threads (and no others) have tracks");
        // two creation arrows plus wake-up arrows; how many hand-offs park depends on the carriers
        // (127 of 500 seen on a loaded machine), so only their presence is certain
        assertTrue(p.flows() > 2, "creation and wake-up arrows: " + p.flows() + " flows");
        assertTrue(p.tracks().values().stream().anyMatch(t -> t.getName().matches("P\\d+ \\(M\\d+\\)")),
                "carriers named by P and M");

        Path gz = dir.resolve("pp.json.gz");
        r = CliRun.run("export", trace.toString(), "-o", gz.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        String json;
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(json.startsWith("{") && json.contains("\"traceEvents\"") && json.strip().endsWith("}"),
                "a Trace Event Format object: " + json.substring(0, Math.min(200, json.length())));
        assertTrue(json.contains("\"name\":\"running\""), "running slices in the JSON");
    }

    @Test
    void pftraceGzIsTheSameProtobufGzipped() throws IOException {
        Path pb = dir.resolve("pp.pftrace");
        Path gz = dir.resolve("pp.pftrace.gz");
        CliRun.Result r = CliRun.run("export", trace.toString(), "-o", pb.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        r = CliRun.run("export", trace.toString(), "-o", gz.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.err().contains("Exported " + trace + " -> " + gz), r.err());
        Path inflated = dir.resolve("inflated.pftrace");
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            Files.write(inflated, in.readAllBytes());
        }
        assertArrayEquals(Files.readAllBytes(pb), Files.readAllBytes(inflated), "gunzip gives the .pftrace");
        assertTrue(Files.size(gz) < Files.size(pb), Files.size(gz) + " bytes gzipped vs " + Files.size(pb));
        parse(inflated);
    }

    @Test
    void refusesAnUnknownOutputNameInOneLine() {
        Path out = dir.resolve("pp.txt");
        CliRun.Result r = CliRun.run("export", trace.toString(), "-o", out.toString());
        assertEquals(ExitCodes.INVALID_INPUT, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().contains("pp.txt") && r.err().contains(".pftrace") && r.err().contains(".json.gz"), r.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void refusesBadOptionsAndMissingInput() {
        Path out = dir.resolve("x.pftrace");
        CliRun.Result r = CliRun.run("export", trace.toString(), "-o", out.toString(), "--from", "5ms",
                "--to", "1ms");
        assertEquals(ExitCodes.INVALID_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("is before --from"), r.err());

        r = CliRun.run("export", trace.toString(), "-o", out.toString(), "--max-threads", "0");
        assertEquals(ExitCodes.INVALID_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("--max-threads"), r.err());

        r = CliRun.run("export", dir.resolve("none.bin").toString(), "-o", out.toString());
        assertEquals(ExitCodes.INVALID_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("none.bin"), r.err());
    }

    @Test
    void windowKeepsEventsInsideIt() throws IOException {
        Parsed all = parse(export("all.pftrace"));
        long start;
        try (var reader = Traces.open(trace)) {
            start = TraceIndex.build(reader, false).minTs();
        }
        long span = all.maxTs() - start;
        assertTrue(span > 1_000_000, "pingpong runs for more than 1 ms: " + span + " ns");
        long from = span / 4, to = span / 2;
        Parsed w = parse(export("w.pftrace", "--from", from + "ns", "--to", to + "ns"));
        assertTrue(w.minTs() >= start + from && w.maxTs() <= start + to, "events in [" + (start + from) + ", "
                + (start + to) + "], got " + w.minTs() + ".." + w.maxTs());
        assertTrue(w.events() < all.events() * 0.6, "a quarter of the time gives fewer events: " + w.events() + " of "
                + all.events());
    }

    @Test
    void maxThreadsKeepsThatManyThreadTracks() throws IOException {
        Parsed one = parse(export("one.pftrace", "--max-threads", "1"));
        assertEquals(1, one.count("virtual threads"), "thread tracks with --max-threads 1");
        assertTrue(one.count("carriers") >= 1, "carriers still shown");
    }

    private Path export(String name, String... options) {
        Path out = dir.resolve(name);
        String[] args = new String[options.length + 4];
        args[0] = "export";
        args[1] = trace.toString();
        args[2] = "-o";
        args[3] = out.toString();
        System.arraycopy(options, 0, args, 4, options.length);
        CliRun.Result r = CliRun.run(args);
        assertEquals(ExitCodes.OK, r.code(), r.err());
        return out;
    }
}
