package dev.vtrace.recorder;

import dev.vtrace.format.EventType;
import dev.vtrace.format.FormatConstants;
import dev.vtrace.format.proto.TraceFooter;
import dev.vtrace.format.proto.TraceHeader;
import dev.vtrace.format.reader.Event;
import dev.vtrace.format.reader.EventBatch;
import dev.vtrace.format.reader.Frame;
import dev.vtrace.format.reader.TraceReader;
import dev.vtrace.format.reader.TraceTables;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A whole trace read into memory with trace-format's reader, for assertions. */
final class RecordedTrace {
    /** One decoded event. */
    record Ev(EventType type, long ts, long m, long[] args) {
        long g() {
            return args[0];
        }

        long arg(int i) {
            return args[i];
        }
    }

    final List<Ev> events = new ArrayList<>();
    final TraceTables tables = new TraceTables();
    TraceHeader header;
    TraceFooter footer;
    boolean truncated;
    long droppedInBatches;

    static RecordedTrace read(Path file) throws IOException {
        RecordedTrace t = new RecordedTrace();
        try (TraceReader r = TraceReader.open(file)) {
            EventBatch batch = new EventBatch();
            Event e = new Event();
            Frame f;
            while ((f = r.next()) != null) {
                switch (f.kind()) {
                    case FormatConstants.KIND_HEADER -> t.header = TraceHeader.parseFrom(
                            java.util.Arrays.copyOf(f.payload(), f.length()));
                    case FormatConstants.KIND_FOOTER -> t.footer = TraceFooter.parseFrom(
                            java.util.Arrays.copyOf(f.payload(), f.length()));
                    case FormatConstants.KIND_STRINGS, FormatConstants.KIND_STACKS -> t.tables.add(f);
                    case FormatConstants.KIND_EVENTS -> {
                        batch.reset(f);
                        t.droppedInBatches += batch.droppedBefore();
                        while (batch.next(e)) {
                            long[] a = new long[e.type().argCount()];
                            for (int i = 0; i < a.length; i++) {
                                a[i] = e.arg(i);
                            }
                            t.events.add(new Ev(e.type(), e.ts(), e.m(), a));
                        }
                    }
                    default -> {}
                }
            }
            t.truncated = r.truncated();
        }
        t.events.sort(Comparator.comparingLong(Ev::ts)); // stable: batch order kept for ties
        return t;
    }

    long count(EventType type) {
        return events.stream().filter(e -> e.type() == type).count();
    }

    Map<EventType, Long> countsByType() {
        Map<EventType, Long> m = new EnumMap<>(EventType.class);
        for (Ev e : events) {
            m.merge(e.type(), 1L, Long::sum);
        }
        return m;
    }

    /** Goroutine id → its name (from GoCreate). */
    /** Goroutine → its events (those whose first argument is a G), in time order. */
    Map<Long, List<Ev>> byG() {
        Map<Long, List<Ev>> m = new HashMap<>();
        for (Ev e : events) {
            if (e.type().firstArgIsG()) {
                m.computeIfAbsent(e.g(), k -> new ArrayList<>()).add(e);
            }
        }
        return m;
    }

    Map<Long, String> names() {
        Map<Long, String> m = new HashMap<>();
        for (Ev e : events) {
            if (e.type() == EventType.GO_CREATE) {
                m.put(e.g(), tables.string(e.arg(3)));
            }
        }
        return m;
    }
}
