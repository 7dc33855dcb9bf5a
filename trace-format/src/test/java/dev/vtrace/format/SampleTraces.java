package dev.vtrace.format;

import dev.vtrace.format.writer.EventBuffer;
import dev.vtrace.format.writer.FooterInfo;
import dev.vtrace.format.writer.HeaderInfo;
import dev.vtrace.format.writer.StackTable;
import dev.vtrace.format.writer.StringTable;
import dev.vtrace.format.writer.TraceFileWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Small, fully known traces written with the real writer, for reader tests. */
final class SampleTraces {
    private SampleTraces() {}

    static HeaderInfo header() {
        return new HeaderInfo(123_456_789L, 1_700_000_000_000_000_000L, "25.0.3", "Eclipse Adoptium", 4242,
                "java -jar app.jar", "test", "host", 2, 2, "stacks=none");
    }

    /**
     * A multi-frame trace: header, a strings frame, a stacks frame, three event batches of two
     * threads (each with a few events of the goroutine life cycle), footer. 16 events in all.
     */
    static byte[] small(boolean deflate) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            StringTable strings = new StringTable();
            StackTable stacks = new StackTable(strings);
            try (TraceFileWriter w = new TraceFileWriter(bytes, deflate, strings, stacks)) {
                w.writeHeader(header());
                long name = strings.id("worker-1");
                long stack = stacks.id(new StackTraceElement[] {
                    new StackTraceElement("com.example.App", "handle", "App.java", 42),
                    new StackTraceElement("com.example.App", "main", "App.java", 10)});
                EventBuffer b = new EventBuffer(4096);
                for (int batch = 0; batch < 3; batch++) {
                    long m = 10 + batch % 2;
                    b.reset(m, batch);
                    long g = 100 + batch;
                    long t = 1_000 * (batch + 1);
                    b.event4(EventType.GO_CREATE, t, g, m, stack, name);
                    b.event2(EventType.GO_START, t + 10, g, 1);
                    b.event4(EventType.GO_BLOCK, t + 20, g, BlockReason.SLEEP.code(), 0, 0);
                    b.event4(EventType.GO_UNBLOCK, t + 300, g, 0, UnblockKind.TIMEOUT.code(), 0);
                    b.event2(EventType.GO_START, t + 310, g, 1);
                    if (batch < 1) {
                        b.event1(EventType.GO_END, t + 320, g);
                    }
                    w.writeBatch(b);
                }
                w.writeFooter(new FooterInfo(5_000, 16, 3, 3, 0, "exit"));
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends an event of {@code type} with the first {@code type.argCount()} values of {@code a}. */
    static void append(EventBuffer b, EventType type, long ts, long[] a) {
        switch (type.argCount()) {
            case 0 -> b.event0(type, ts);
            case 1 -> b.event1(type, ts, a[0]);
            case 2 -> b.event2(type, ts, a[0], a[1]);
            case 3 -> b.event3(type, ts, a[0], a[1], a[2]);
            default -> b.event4(type, ts, a[0], a[1], a[2], a[3]);
        }
    }
}
