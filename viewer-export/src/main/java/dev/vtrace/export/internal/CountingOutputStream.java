package dev.vtrace.export.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Counts the bytes that pass through; {@link #close()} closes the target only if told to. */
public final class CountingOutputStream extends FilterOutputStream {
    private long count;
    private final boolean closeTarget;

    public CountingOutputStream(OutputStream out, boolean closeTarget) {
        super(out);
        this.closeTarget = closeTarget;
    }

    public long count() {
        return count;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        count += len;
    }

    @Override
    public void close() throws IOException {
        if (closeTarget) {
            super.close();
        } else {
            flush();
        }
    }
}
