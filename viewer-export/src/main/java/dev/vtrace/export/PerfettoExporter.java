package dev.vtrace.export;

import dev.vtrace.export.internal.CountingOutputStream;
import dev.vtrace.export.internal.PerfettoSink;
import dev.vtrace.export.internal.Timeline;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

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
    /** The gzip stream between the sink and {@link #out}, or null. */
    private final DeflaterOutputStream gzip;
    private boolean closed;

    /**
     * @param out where to write; buffered internally. {@link #close()} closes it only if
     *     {@code ownsOutput}
     * @param options what to export
     * @param ownsOutput whether closing this exporter closes {@code out}
     */
    public PerfettoExporter(OutputStream out, ExportOptions options, boolean ownsOutput) {
        this(out, options, false, ownsOutput);
    }

    /**
     * @param gzip whether to gzip the output, at DEFLATE's fastest level: about 3.5 times smaller
     *     (the packets repeat their field tags, sequence id and flags), several times the export
     *     time; the Perfetto UI opens it as it is
     */
    public PerfettoExporter(OutputStream out, ExportOptions options, boolean gzip, boolean ownsOutput) {
        CountingOutputStream counted = new CountingOutputStream(Objects.requireNonNull(out, "out"), ownsOutput);
        DeflaterOutputStream deflating = gzip ? fastGzip(counted) : null;
        PerfettoSink sink = new PerfettoSink(gzip ? deflating : counted);
        super(new Timeline(Objects.requireNonNull(options, "options"), sink));
        this.out = counted;
        this.gzip = deflating;
        this.sink = sink;
    }

    private static DeflaterOutputStream fastGzip(OutputStream out) {
        try {
            return new GZIPOutputStream(out, 1 << 16) {
                {
                    def.setLevel(Deflater.BEST_SPEED);
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An exporter writing to {@code out}, which the caller closes. */
    public PerfettoExporter(OutputStream out, ExportOptions options) {
        this(out, options, false);
    }

    /** Bytes written to the output (compressed, for gzip: exact after {@link #close()}). */
    @Override
    public long bytesWritten() {
        return gzip == null ? sink.bytesWritten() : out.count();
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            if (gzip != null) {
                gzip.finish();
            }
            out.close();
        }
    }
}
