package dev.vtrace.analyzer;

import dev.vtrace.format.EventType;
import dev.vtrace.format.writer.EventBuffer;
import dev.vtrace.format.writer.FooterInfo;
import dev.vtrace.format.writer.HeaderInfo;
import dev.vtrace.format.writer.StackTable;
import dev.vtrace.format.writer.StringTable;
import dev.vtrace.format.writer.TraceFileWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes small synthetic traces with the real writer: events go into one buffer per M, and a
 * buffer becomes a batch (an events frame) when {@link #flush(long)} is called, so tests choose
 * the file order of batches. Timestamps are ns; every event names its M.
 */
final class TraceBuilder {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final StringTable strings = new StringTable();
    private final StackTable stacks = new StackTable(strings);
    private final TraceFileWriter w;
    private final Map<Long, EventBuffer> open = new TreeMap<>();
    private long footerEnd = -1;

    TraceBuilder() {
        try {
            w = new TraceFileWriter(bytes, false, strings, stacks);
            w.writeHeader(new HeaderInfo(1, 2, "25", "test", 1, "java Test", "test", "host", 4, 4, ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stack id from frames written "pkg.Class.method:line", innermost first. */
    long stack(String... frames) {
        StackTraceElement[] st = new StackTraceElement[frames.length];
        for (int i = 0; i < frames.length; i++) {
            String f = frames[i];
            int colon = f.lastIndexOf(':');
            String qm = f.substring(0, colon);
            int dot = qm.lastIndexOf('.');
            String cls = qm.substring(0, dot);
            st[i] = new StackTraceElement(cls, qm.substring(dot + 1), cls.substring(cls.lastIndexOf('.') + 1) + ".java",
                    Integer.parseInt(f.substring(colon + 1)));
        }
        return stacks.id(st);
    }

    long string(String s) {
        return strings.id(s);
    }

    private EventBuffer buf(long m) {
        return open.computeIfAbsent(m, k -> {
            EventBuffer b = new EventBuffer(1 << 16);
            b.reset(k, 0);
            return b;
        });
    }

    TraceBuilder create(long m, long ts, long g, long creator, long stack, String name) {
        buf(m).event4(EventType.GO_CREATE, ts, g, creator, stack, strings.id(name));
        return this;
    }

    TraceBuilder start(long m, long ts, long g, long p) {
        buf(m).event2(EventType.GO_START, ts, g, p);
        return this;
    }

    TraceBuilder block(long m, long ts, long g, int reason, long stack) {
        buf(m).event4(EventType.GO_BLOCK, ts, g, reason, stack, 0);
        return this;
    }

    TraceBuilder block(long m, long ts, long g, int reason, long stack, String blocker) {
        buf(m).event4(EventType.GO_BLOCK, ts, g, reason, stack, strings.id(blocker));
        return this;
    }

    TraceBuilder unblock(long m, long ts, long g, long waker, int kind) {
        buf(m).event4(EventType.GO_UNBLOCK, ts, g, waker, kind, 0);
        return this;
    }

    TraceBuilder sched(long m, long ts, long g) {
        buf(m).event1(EventType.GO_SCHED, ts, g);
        return this;
    }

    TraceBuilder end(long m, long ts, long g) {
        buf(m).event1(EventType.GO_END, ts, g);
        return this;
    }

    TraceBuilder pinnedBlock(long m, long ts, long g, int reason, long stack) {
        buf(m).event3(EventType.GO_PINNED_BLOCK, ts, g, reason, stack);
        return this;
    }

    TraceBuilder pinnedUnblock(long m, long ts, long g) {
        buf(m).event1(EventType.GO_PINNED_UNBLOCK, ts, g);
        return this;
    }

    TraceBuilder procStart(long m, long ts, long p) {
        buf(m).event2(EventType.PROC_START, ts, p, m);
        return this;
    }

    TraceBuilder procStop(long m, long ts, long p) {
        buf(m).event1(EventType.PROC_STOP, ts, p);
        return this;
    }

    TraceBuilder gc(long m, long begin, long end, long gc, long pause) {
        buf(m).event2(EventType.GC_BEGIN, begin, gc, strings.id("G1 Young"));
        buf(m).event2(EventType.GC_END, end, gc, pause);
        return this;
    }

    /** Writes M's pending events as one batch now. */
    TraceBuilder flush(long m) {
        EventBuffer b = open.remove(m);
        if (b != null) {
            try {
                w.writeBatch(b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    /** The footer's end of recording (otherwise the last event's time). */
    TraceBuilder endAt(long ts) {
        footerEnd = ts;
        return this;
    }

    /** Flushes every M (in M order), writes the footer, returns the file. */
    byte[] bytes() {
        try {
            for (Long m : open.keySet().toArray(Long[]::new)) {
                flush(m);
            }
            if (footerEnd >= 0) {
                w.writeFooter(new FooterInfo(footerEnd, w.eventsWritten(), 0, w.batchesWritten(), 0, "exit"));
            }
            w.close();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path write(Path dir) {
        try {
            Path p = Files.createTempFile(dir, "trace", ".bin");
            Files.write(p, bytes());
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
