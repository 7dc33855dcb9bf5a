package dev.vtrace.export;

import dev.vtrace.export.internal.CountingOutputStream;
import dev.vtrace.export.internal.JsonSink;
import dev.vtrace.export.internal.Timeline;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the Chrome Trace Event Format (JSON), optionally gzip-compressed, streaming. Read by the
 * Perfetto UI (which calls JSON legacy and best-effort), chrome://tracing and Chrome DevTools.
 * Prefer {@link PerfettoExporter} for big traces: the options' warning hook is told once when the
 * (uncompressed) JSON passes {@link ExportOptions#jsonWarnBytes()}.
 *
 * <p>Gzip uses the JDK's {@link GZIPOutputStream}: the same DEFLATE that commons-compress would
 * call through {@code java.util.zip}, with no dependency, and read natively by the Perfetto UI.
 */
public final class ChromeJsonExporter extends TimelineExporter {
    private final CountingOutputStream file;
    private final Writer writer;
    private boolean closed;

    /**
     * @param out where to write; {@link #close()} closes it only if {@code ownsOutput}
     * @param options what to export
     * @param gzip whether to gzip the JSON
     * @param ownsOutput whether closing this exporter closes {@code out}
     */
    public ChromeJsonExporter(OutputStream out, ExportOptions options, boolean gzip, boolean ownsOutput) {
        Objects.requireNonNull(options, "options");
        CountingOutputStream counted = new CountingOutputStream(Objects.requireNonNull(out, "out"), ownsOutput);
        Writer text;
        JsonSink sink;
        try {
            OutputStream target = gzip ? new GZIPOutputStream(counted, 1 << 16) : counted;
            CountingOutputStream plain = new CountingOutputStream(target, true);
            text = new BufferedWriter(new OutputStreamWriter(plain, StandardCharsets.UTF_8), 1 << 16);
            sink = new JsonSink(text, plain::count, options.jsonWarnBytes(), options.warnings());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        super(new Timeline(options, sink));
        this.file = counted;
        this.writer = text;
    }

    /** An uncompressed JSON exporter writing to {@code out}, which the caller closes. */
    public ChromeJsonExporter(OutputStream out, ExportOptions options) {
        this(out, options, false, false);
    }

    /** Bytes written to the output (compressed, for gzip). Exact after {@link #close()}. */
    @Override
    public long bytesWritten() {
        return file.count();
    }

    /** Finishes the gzip stream (if any) and closes or flushes the output. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            writer.close();
        }
    }
}
