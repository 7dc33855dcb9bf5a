package dev.vtrace.export;

import dev.vtrace.analyzer.TraceConsumer;
import java.io.Closeable;
import java.io.IOException;

/**
 * A trace consumer that writes a viewer file as the stream goes. Run it on the ordered stream,
 * then {@link #close()} it. Write errors surface as {@link java.io.UncheckedIOException} from the
 * callbacks (the consumer contract has no checked exceptions).
 */
public interface Exporter extends TraceConsumer, Closeable {
    /** Bytes written so far (after compression, if any). */
    long bytesWritten();

    /** Events of the input stream seen so far. */
    long eventsSeen();

    /**
     * Flushes, and closes the output stream if this exporter opened it ({@link Exporters#forPath});
     * a stream passed in by the caller is flushed, not closed. Idempotent.
     */
    @Override
    void close() throws IOException;
}
