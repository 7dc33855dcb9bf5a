package dev.vtrace.format.writer;

import static dev.vtrace.format.FormatConstants.*;

import dev.vtrace.format.Varint;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import java.util.zip.Deflater;

/**
 * Frames batches, tables and metadata into a trace.bin stream. Used by one thread: the
 * recorder's background writer (or a test). Only the JDK is used, so it runs in any JVM.
 *
 * <p>Order of a file: the header first ({@link #writeHeader}), then any mix of table and event
 * frames, each string and stack written before the first batch written after its id was taken,
 * and the footer last ({@link #writeFooter}). A file without a footer was cut short.
 */
public final class TraceFileWriter implements Closeable {
    /** Table frames are cut at about this size so a damaged frame loses little. */
    private static final int TABLE_FRAME_TARGET = 64 << 10;

    private final OutputStream out;
    private final boolean deflate;
    private final StringTable strings;
    private final StackTable stacks;
    private final CRC32C crc = new CRC32C();
    private final Deflater deflater;
    private final byte[] header = new byte[FRAME_HEADER_SIZE];
    private byte[] scratch = new byte[64 << 10];
    private byte[] compressed = new byte[64 << 10];

    private long bytesWritten;
    private long framesWritten;
    private long eventsWritten;
    private long batchesWritten;

    /**
     * Writes the file preamble to {@code out} (which this writer then owns and closes).
     *
     * @param deflate whether frames are DEFLATE-compressed (level 1: the writer thread must keep up)
     */
    public TraceFileWriter(OutputStream out, boolean deflate, StringTable strings, StackTable stacks)
            throws IOException {
        this.out = out;
        this.deflate = deflate;
        this.strings = strings;
        this.stacks = stacks;
        this.deflater = deflate ? new Deflater(Deflater.BEST_SPEED, true) : null;
        byte[] pre = new byte[FILE_PREAMBLE_SIZE];
        System.arraycopy(MAGIC, 0, pre, 0, MAGIC.length);
        putIntLE(pre, MAGIC.length, VERSION);
        out.write(pre);
        bytesWritten += pre.length;
    }

    /** Writes the header frame. Call once, first. */
    public void writeHeader(HeaderInfo info) throws IOException {
        byte[] msg = MetaEncoder.header(info, VERSION);
        writeFrame(KIND_HEADER, msg, 0, msg.length);
    }

    /** Writes the footer frame, after flushing pending tables. Call once, last. */
    public void writeFooter(FooterInfo info) throws IOException {
        writeTables();
        byte[] msg = MetaEncoder.footer(info);
        writeFrame(KIND_FOOTER, msg, 0, msg.length);
    }

    /**
     * Writes pending strings and stacks, then the batch as an events frame. An empty batch
     * writes nothing unless it reports dropped events.
     */
    public void writeBatch(EventBuffer batch) throws IOException {
        writeTables();
        if (batch.isEmpty() && batch.droppedBefore() == 0) {
            return;
        }
        int need = 5 * Varint.MAX_BYTES + batch.size();
        byte[] p = scratch(need);
        int pos = 0;
        pos = Varint.put(p, pos, batch.m());
        pos = Varint.put(p, pos, batch.firstTs());
        pos = Varint.put(p, pos, batch.lastTs() - batch.firstTs());
        pos = Varint.put(p, pos, batch.eventCount());
        pos = Varint.put(p, pos, batch.droppedBefore());
        System.arraycopy(batch.array(), 0, p, pos, batch.size());
        pos += batch.size();
        writeFrame(KIND_EVENTS, p, 0, pos);
        eventsWritten += batch.eventCount();
        batchesWritten++;
    }

    /**
     * Writes a frame taken from another trace (its payload already decompressed), compressing it
     * if this writer does: how a finished raw recording is compressed after the fact.
     */
    public void copyFrame(int kind, byte[] payload, int off, int len) throws IOException {
        writeFrame(kind, payload, off, len);
    }

    /** Writes every string and stack that got an id since the last call. */
    public void writeTables() throws IOException {
        writeStrings();
        writeStacks();
    }

    private void writeStrings() throws IOException {
        StringTable.Entry e;
        int pos = 0;
        while ((e = strings.pollPending()) != null) {
            byte[] b = e.value().getBytes(StandardCharsets.UTF_8);
            int len = Math.min(b.length, MAX_STRING_BYTES);
            byte[] p = scratchKeep(pos + 2 * Varint.MAX_BYTES + len);
            pos = Varint.put(p, pos, e.id());
            pos = Varint.put(p, pos, len);
            System.arraycopy(b, 0, p, pos, len);
            pos += len;
            if (pos >= TABLE_FRAME_TARGET) {
                writeFrame(KIND_STRINGS, scratch, 0, pos);
                pos = 0;
            }
        }
        if (pos > 0) {
            writeFrame(KIND_STRINGS, scratch, 0, pos);
        }
    }

    private void writeStacks() throws IOException {
        StackTable.Entry e;
        int pos = 0;
        while ((e = stacks.pollPending()) != null) {
            long[] f = e.frames();
            byte[] p = scratchKeep(pos + (2 + f.length) * Varint.MAX_BYTES);
            pos = Varint.put(p, pos, e.id());
            pos = Varint.put(p, pos, f.length / 4);
            for (long v : f) {
                pos = Varint.put(p, pos, v);
            }
            if (pos >= TABLE_FRAME_TARGET) {
                writeFrame(KIND_STACKS, scratch, 0, pos);
                pos = 0;
            }
        }
        if (pos > 0) {
            writeFrame(KIND_STACKS, scratch, 0, pos);
        }
    }

    /** Longest string stored; longer ones (a huge thread name, a log message) are cut. */
    public static final int MAX_STRING_BYTES = 64 << 10;

    private void writeFrame(int kind, byte[] payload, int off, int len) throws IOException {
        int flags = 0;
        byte[] data = payload;
        int dataOff = off;
        int dataLen = len;
        if (deflate && len > 64) {
            int bound = Varint.MAX_BYTES + len + len / 8 + 64;
            if (compressed.length < bound) {
                compressed = new byte[bound];
            }
            int cpos = Varint.put(compressed, 0, len);
            deflater.reset();
            deflater.setInput(payload, off, len);
            deflater.finish();
            while (!deflater.finished()) {
                if (cpos == compressed.length) {
                    compressed = java.util.Arrays.copyOf(compressed, compressed.length * 2);
                }
                cpos += deflater.deflate(compressed, cpos, compressed.length - cpos);
            }
            if (cpos < len) { // keep incompressible frames raw
                flags = FLAG_DEFLATE;
                data = compressed;
                dataOff = 0;
                dataLen = cpos;
            }
        }
        if (dataLen > MAX_FRAME_PAYLOAD) {
            throw new IOException("frame of " + dataLen + " bytes exceeds the format's limit of " + MAX_FRAME_PAYLOAD);
        }
        crc.reset();
        crc.update(data, dataOff, dataLen);
        int payloadCrc = (int) crc.getValue();
        putIntLE(header, 0, FRAME_SYNC);
        header[4] = (byte) kind;
        header[5] = (byte) flags;
        header[6] = 0;
        header[7] = 0;
        putIntLE(header, 8, dataLen);
        putIntLE(header, 12, payloadCrc);
        crc.reset();
        crc.update(header, 0, 16);
        putIntLE(header, 16, (int) crc.getValue());
        out.write(header);
        out.write(data, dataOff, dataLen);
        bytesWritten += FRAME_HEADER_SIZE + dataLen;
        framesWritten++;
    }

    private byte[] scratch(int need) {
        if (scratch.length < need) {
            scratch = new byte[Math.max(need, scratch.length * 2)];
        }
        return scratch;
    }

    /** Like {@link #scratch} but keeps the bytes already in it. */
    private byte[] scratchKeep(int need) {
        if (scratch.length < need) {
            scratch = java.util.Arrays.copyOf(scratch, Math.max(need, scratch.length * 2));
        }
        return scratch;
    }

    static void putIntLE(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    /** Flushes the underlying stream (not the tables: those go out with the next batch). */
    public void flush() throws IOException {
        out.flush();
    }

    public long bytesWritten() {
        return bytesWritten;
    }

    public long framesWritten() {
        return framesWritten;
    }

    public long eventsWritten() {
        return eventsWritten;
    }

    public long batchesWritten() {
        return batchesWritten;
    }

    @Override
    public void close() throws IOException {
        try {
            out.close();
        } finally {
            if (deflater != null) {
                deflater.end();
            }
        }
    }
}
