package dev.vtrace.export;

import dev.vtrace.export.internal.CountingOutputStream;
import dev.vtrace.export.internal.PerfettoSink;
import dev.vtrace.export.internal.Timeline;
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
public final class PerfettoExporter extends TimelineExporter {
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
        CountingOutputStream counted = new CountingOutputStream(Objects.requireNonNull(out, "out"), ownsOutput);
        PerfettoSink sink = new PerfettoSink(counted);
        super(new Timeline(Objects.requireNonNull(options, "options"), sink));
        this.out = counted;
        this.sink = sink;
    }

    /** An exporter writing to {@code out}, which the caller closes. */
    public PerfettoExporter(OutputStream out, ExportOptions options) {
        this(out, options, false);
    }

    @Override
    public long bytesWritten() {
        return sink.bytesWritten();
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            out.close();
        }
    }
}
