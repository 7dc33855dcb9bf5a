package dev.vtrace.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vtrace.export.internal.perfetto.DebugAnnotation;
import dev.vtrace.export.internal.perfetto.InternedData;
import dev.vtrace.export.internal.perfetto.Trace;
import dev.vtrace.export.internal.perfetto.TracePacket;
import dev.vtrace.export.internal.perfetto.TrackDescriptor;
import dev.vtrace.export.internal.perfetto.TrackEvent;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Parses a Perfetto trace with the generated classes and checks its structure, failing with a
 * got/want message naming the packet. What it checks:
 * <ul>
 *   <li>every packet is on sequence 1; the first clears incremental state, sets the default
 *       timestamp clock to the incremental clock 64 and anchors it with a clock snapshot (64 and
 *       BOOTTIME at the same value); event packets say they need incremental state; timestamps
 *       are decoded as Perfetto does (deltas on clock 64, absolute on BOOTTIME);
 *   <li>track uuids are unique and described (parents first) before any event uses them;
 *   <li>every name_iid, annotation name_iid and string_value_iid was interned earlier (since the
 *       last clear);
 *   <li>slices on a track are balanced and nest: ends pop the latest begin, per-track timestamps
 *       never decrease; packet timestamps never decrease, except the first begin on a track (a
 *       state already under way when its thread was first seen);
 *   <li>each flow id starts once and terminates once, not before it starts;
 *   <li>counter events only on counter tracks, slices only on others.
 * </ul>
 */
final class PerfettoCheck {
    final Map<Long, TrackDescriptor> tracks = new LinkedHashMap<>();
    /** Slices per track: name → count. */
    final Map<Long, Map<String, Integer>> slices = new HashMap<>();
    final Map<Long, Map<String, Integer>> instants = new HashMap<>();
    final Map<Long, Integer> counterSamples = new HashMap<>();
    int flows;
    int packets;
    long lastTs = Long.MIN_VALUE;
    /** Decoded timestamps of the first and last track events. */
    long minEventTs = Long.MAX_VALUE, maxEventTs = Long.MIN_VALUE;

    static PerfettoCheck check(byte[] bytes) throws Exception {
        PerfettoCheck c = new PerfettoCheck();
        c.run(Trace.parseFrom(bytes));
        return c;
    }

    private void run(Trace trace) {
        Map<Long, String> names = new HashMap<>();
        Map<Long, String> argNames = new HashMap<>();
        Map<Long, String> strings = new HashMap<>();
        Map<Long, ArrayDeque<String>> open = new HashMap<>();
        Map<Long, Long> trackTs = new HashMap<>();
        Map<Long, Long> flowStart = new HashMap<>();
        Set<Long> flowEnded = new HashSet<>();
        boolean first = true;
        int defaultClock = 0;
        Long clock64 = null;
        for (TracePacket p : trace.getPacketList()) {
            packets++;
            String where = "packet " + packets + " (" + p.toString().replace('\n', ' ') + ")";
            assertEquals(1, p.getTrustedPacketSequenceId(), "sequence id of " + where);
            int flags = p.getSequenceFlags();
            if (first) {
                assertEquals(1, flags & 1, "first packet must clear incremental state: " + where);
                first = false;
            }
            if ((flags & 1) != 0) {
                names.clear();
                argNames.clear();
                strings.clear();
                defaultClock = 0;
            }
            if (p.hasTracePacketDefaults()) {
                defaultClock = p.getTracePacketDefaults().getTimestampClockId();
            }
            if (p.hasClockSnapshot()) {
                assertTrue(!p.hasTrackEvent() && !p.hasTrackDescriptor(), "a clock snapshot packet carries nothing else "
                        + "(the trace processor stops reading it there): " + where);
                Long boot = null;
                for (var clock : p.getClockSnapshot().getClocksList()) {
                    if (clock.getClockId() == 64) {
                        assertTrue(clock.getIsIncremental(), "clock 64 is incremental: " + where);
                        clock64 = clock.getTimestamp();
                    } else if (clock.getClockId() == 6) {
                        boot = clock.getTimestamp();
                    }
                }
                assertEquals(clock64, boot, "clock 64 anchored at the same BOOTTIME value: " + where);
                continue;
            }
            if (p.hasInternedData()) {
                InternedData d = p.getInternedData();
                d.getEventNamesList().forEach(n -> assertTrue(names.put(n.getIid(), n.getName()) == null,
                        "event name iid " + n.getIid() + " defined twice: " + where));
                d.getDebugAnnotationNamesList().forEach(n -> argNames.put(n.getIid(), n.getName()));
                d.getDebugAnnotationStringValuesList().forEach(n -> strings.put(n.getIid(), n.getStr().toStringUtf8()));
            }
            if (p.hasTrackDescriptor()) {
                TrackDescriptor td = p.getTrackDescriptor();
                assertTrue(td.getUuid() != 0, "track uuid 0: " + where);
                assertTrue(tracks.put(td.getUuid(), td) == null, "track " + td.getUuid() + " described twice: " + where);
                if (td.hasParentUuid()) {
                    assertTrue(tracks.containsKey(td.getParentUuid()), "parent not described before child: " + where);
                }
                continue;
            }
            if (!p.hasTrackEvent()) {
                fail("unexpected packet: " + where);
            }
            TrackEvent e = p.getTrackEvent();
            long uuid = e.getTrackUuid();
            TrackDescriptor td = tracks.get(uuid);
            assertNotNull(td, "event on undescribed track " + uuid + ": " + where);
            int clockId = p.hasTimestampClockId() ? p.getTimestampClockId() : defaultClock;
            long ts;
            if (clockId == 64) {
                assertNotNull(clock64, "incremental clock used before its snapshot: " + where);
                assertTrue((flags & 2) != 0, "a packet on the incremental clock must say it needs incremental state: "
                        + where);
                clock64 += p.getTimestamp();
                ts = clock64;
            } else {
                assertTrue(clockId == 0 || clockId == 6, "clock " + clockId + ": " + where);
                ts = p.getTimestamp();
            }
            minEventTs = Math.min(minEventTs, ts);
            maxEventTs = Math.max(maxEventTs, ts);
            Long prev = trackTs.put(uuid, ts);
            if (prev != null) {
                assertTrue(ts >= prev, "timestamps go back on track " + td.getName() + ": " + ts + " < " + prev + " at "
                        + where);
            }
            if (ts < lastTs) {
                assertTrue(prev == null && e.getType() == TrackEvent.Type.TYPE_SLICE_BEGIN,
                        "packet timestamp goes back (" + ts + " < " + lastTs + ") at " + where);
            }
            lastTs = Math.max(lastTs, ts);
            boolean usesInterned = e.hasNameIid() || e.getDebugAnnotationsCount() > 0;
            if (usesInterned) {
                assertTrue(flags != 0, "uses interned data without sequence flags: " + where);
            }
            String name = null;
            if (e.hasNameIid()) {
                name = names.get(e.getNameIid());
                assertNotNull(name, "name_iid " + e.getNameIid() + " not interned before: " + where);
            }
            for (DebugAnnotation a : e.getDebugAnnotationsList()) {
                assertTrue(argNames.containsKey(a.getNameIid()), "annotation name_iid not interned: " + where);
                if (a.hasStringValueIid()) {
                    assertTrue(strings.containsKey(a.getStringValueIid()), "string_value_iid not interned: " + where);
                }
            }
            boolean counterTrack = td.hasCounter();
            switch (e.getType()) {
                case TYPE_SLICE_BEGIN -> {
                    assertTrue(!counterTrack, "slice on counter track: " + where);
                    assertNotNull(name, "slice without name: " + where);
                    open.computeIfAbsent(uuid, k -> new ArrayDeque<>()).push(name);
                    slices.computeIfAbsent(uuid, k -> new HashMap<>()).merge(name, 1, Integer::sum);
                }
                case TYPE_SLICE_END -> {
                    ArrayDeque<String> st = open.get(uuid);
                    assertTrue(st != null && !st.isEmpty(), "end without begin on " + td.getName() + ": " + where);
                    st.pop();
                }
                case TYPE_INSTANT -> {
                    assertTrue(!counterTrack, "instant on counter track: " + where);
                    instants.computeIfAbsent(uuid, k -> new HashMap<>()).merge(name, 1, Integer::sum);
                }
                case TYPE_COUNTER -> {
                    assertTrue(counterTrack, "counter on non-counter track: " + where);
                    assertTrue(e.hasCounterValue(), "counter without value: " + where);
                    counterSamples.merge(uuid, 1, Integer::sum);
                    assertEquals(e.getExtraCounterTrackUuidsCount(), e.getExtraCounterValuesCount(),
                            "extra counter uuids/values: " + where);
                    for (long u : e.getExtraCounterTrackUuidsList()) {
                        assertTrue(tracks.containsKey(u) && tracks.get(u).hasCounter(), "extra counter track: " + where);
                        counterSamples.merge(u, 1, Integer::sum);
                    }
                }
                default -> fail("event type " + e.getType() + ": " + where);
            }
            if (e.getType() != TrackEvent.Type.TYPE_COUNTER) {
                assertEquals(e.getExtraCounterTrackUuidsCount(), e.getExtraCounterValuesCount(),
                        "extra counter uuids/values: " + where);
                for (long u : e.getExtraCounterTrackUuidsList()) {
                    assertTrue(tracks.containsKey(u) && tracks.get(u).hasCounter(), "extra counter track: " + where);
                    counterSamples.merge(u, 1, Integer::sum);
                }
            }
            for (long f : e.getFlowIdsList()) {
                assertTrue(flowStart.put(f, ts) == null, "flow " + f + " starts twice: " + where);
            }
            for (long f : e.getTerminatingFlowIdsList()) {
                Long start = flowStart.get(f);
                assertNotNull(start, "flow " + f + " terminates before it starts: " + where);
                assertTrue(start <= ts, "flow " + f + " goes back in time: " + where);
                assertTrue(flowEnded.add(f), "flow " + f + " terminates twice: " + where);
            }
        }
        open.forEach((uuid, st) -> assertTrue(st.isEmpty(),
                "unclosed slices on " + tracks.get(uuid).getName() + ": " + st));
        assertEquals(flowStart.keySet(), flowEnded, "every flow must have both ends");
        flows = flowEnded.size();
    }

    /** The uuid of the track with this name (first), or fail. */
    long track(String name) {
        return tracks.values().stream().filter(t -> t.getName().equals(name)).mapToLong(TrackDescriptor::getUuid)
                .findFirst().orElseThrow(() -> new AssertionError("no track named " + name + " in " + tracks.size()));
    }

    /** The uuid of the per-thread track of virtual thread {@code g} ("G<g>" or "G<g> name"), or fail. */
    long threadTrack(long g) {
        return child("virtual threads", "G" + g);
    }

    /** The uuid of the track of carrier {@code p} ("P<p>" or "P<p> (...)"), or fail. */
    long carrierTrack(long p) {
        return child("carriers", "P" + p);
    }

    private long child(String group, String label) {
        long parent = track(group);
        return tracks.values().stream()
                .filter(t -> t.getParentUuid() == parent
                        && (t.getName().equals(label) || t.getName().startsWith(label + " ")))
                .mapToLong(TrackDescriptor::getUuid).findFirst()
                .orElseThrow(() -> new AssertionError("no track " + label + " under " + group));
    }

    int slices(long uuid, String name) {
        return slices.getOrDefault(uuid, Map.of()).getOrDefault(name, 0);
    }

    int allSlices(long uuid) {
        return slices.getOrDefault(uuid, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
    }
}
