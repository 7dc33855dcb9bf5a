package dev.vtrace.export;

import dev.vtrace.analyzer.GTransition;
import dev.vtrace.analyzer.PTransition;
import dev.vtrace.analyzer.TraceMeta;
import dev.vtrace.export.internal.CountingOutputStream;
import dev.vtrace.export.internal.PerfettoSink;
import dev.vtrace.export.internal.Timeline;
import dev.vtrace.format.reader.Event;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Writes Perfetto's native protobuf trace format ({@code .pftrace}), streaming: a sequence of
 * {@code Trace.packet} records (field 1, length-delimited {@code TracePacket}s), so the file is a
 * valid {@code perfetto.protos.Trace} at every packet boundary. Track descriptors come before the
 * first event on their track; event names, argument names and stacks are interned. The output
 * depends only on the input stream and the options (golden-testable).
 *
 * <p>Open the file at ui.perfetto.dev (Open trace file). See docs/export.md for what it shows.
 */
public final class PerfettoExporter implements Exporter {
    private final Timeline timeline;
    private final PerfettoSink sink;
    private final CountingOutputStream out;
    private boolean closed;

    /**
     * @param out where to write; buffered internally. {@link #close()} closes it only if
     *     {@code ownsOutput}
     * @param options what to export
     * @param ownsOutput whether closing this exporter closes {@code out}
     */
    public PerfettoExporter(OutputStream out, ExportOptions options, boolean ownsOutput) {
        this.out = new CountingOutputStream(Objects.requireNonNull(out, "out"), ownsOutput);
        this.sink = new PerfettoSink(this.out);
        this.timeline = new Timeline(Objects.requireNonNull(options, "options"), sink);
    }

    /** An exporter writing to {@code out}, which the caller closes. */
    public PerfettoExporter(OutputStream out, ExportOptions options) {
        this(out, options, false);
    }

    @Override
    public void start(TraceMeta meta) {
        timeline.start(meta);
    }

    @Override
    public void onEvent(Event e) {
        timeline.onEvent(e);
    }

    @Override
    public void onG(GTransition t) {
        timeline.onG(t);
    }

    @Override
    public void onP(PTransition t) {
        timeline.onP(t);
    }

    @Override
    public void aliveAtEnd(GTransition t) {
        timeline.aliveAtEnd(t);
    }

    @Override
    public void finish(long endTs) {
        timeline.finish(endTs);
    }

    @Override
    public long bytesWritten() {
        return sink.bytesWritten();
    }

    @Override
    public long eventsSeen() {
        return timeline.events();
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            out.close();
        }
    }
}
