package dev.vtrace.format.reader;

import static dev.vtrace.format.FormatConstants.*;

import dev.vtrace.format.FormatConstants;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32C;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Streams the frames of a trace.bin file, in file order, never loading the whole file.
 *
 * <p>Damage is part of normal operation: {@link #next()} returns every frame that passes its
 * checksums and records each damaged place in {@link #damage()}. After a damaged frame whose
 * header is intact the reader skips it by its length; after a damaged header it searches for
 * the next frame header whose own checksum holds. A file cut short ends the stream with one
 * last damage entry ({@link #truncated()}). Memory is bounded by
 * {@link FormatConstants#MAX_FRAME_PAYLOAD} whatever the input says.
 *
 * <p>Not thread-safe. Closing releases the file.
 */
public final class TraceReader implements Closeable {
    private static final int SCAN_CHUNK = 64 << 10;

    private final Path path;
    private final Source source;
    private final long size;
    private final int version;
    private final CRC32C crc = new CRC32C();
    private final Inflater inflater = new Inflater(true);
    private final byte[] header = new byte[FRAME_HEADER_SIZE];
    private final List<Damage> damage = new ArrayList<>();
    private final Frame frame = new Frame();
    private byte[] stored = new byte[64 << 10];
    private byte[] inflated = new byte[64 << 10];
    private long pos;
    private boolean truncated;
    /**
     * While set, {@link #next()} inflates only the first {@value #EVENTS_HEADER_BYTES} bytes of a
     * compressed events frame (its batch header): for {@link TraceIndex}, which reads nothing
     * else of it. Such a frame's payload is valid only up to those bytes; {@link Frame#length()}
     * stays the full length.
     */
    boolean eventsHeadersOnly;
    /** More than a batch header takes: five varints of at most 10 bytes. */
    static final int EVENTS_HEADER_BYTES = 64;

    /** Positional reads from a file or, for tests and tools, from memory. */
    private interface Source extends Closeable {
        long size() throws IOException;

        /** Reads into {@code dst} from file position {@code at}; -1 at the end. */
        int read(ByteBuffer dst, long at) throws IOException;
    }

    private TraceReader(Path path, Source source) throws IOException {
        this.path = path;
        this.source = source;
        this.size = source.size();
        byte[] pre = new byte[FILE_PREAMBLE_SIZE];
        if (size < FILE_PREAMBLE_SIZE || readFully(0, pre, FILE_PREAMBLE_SIZE) < FILE_PREAMBLE_SIZE) {
            throw new TraceFormatException(0, "not a vtrace file: " + size + " bytes, too short for the "
                    + FILE_PREAMBLE_SIZE + "-byte preamble");
        }
        if (!Arrays.equals(pre, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new TraceFormatException(0, "not a vtrace file: expected magic \\x89VTRACE\\n, found "
                    + printable(pre, MAGIC.length));
        }
        this.version = intLE(pre, MAGIC.length);
        if (version != VERSION) {
            throw new TraceFormatException(MAGIC.length, "format version " + version
                    + " is not supported (this reader reads version " + VERSION + "); use a matching vtrace");
        }
        this.pos = FILE_PREAMBLE_SIZE;
    }

    /**
     * Opens a trace file.
     *
     * @throws TraceFormatException if the file is not a vtrace trace of a supported version
     * @throws IOException if it cannot be read
     */
    public static TraceReader open(Path path) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path.toString(), null, "no such file");
        }
        try {
            return new TraceReader(path, new Source() {
                @Override
                public long size() throws IOException {
                    return ch.size();
                }

                @Override
                public int read(ByteBuffer dst, long at) throws IOException {
                    return ch.read(dst, at);
                }

                @Override
                public void close() throws IOException {
                    ch.close();
                }
            });
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Reads a trace held in memory (the array is not copied: do not change it while reading);
     * {@code name} stands for the file in messages.
     *
     * @throws TraceFormatException if the bytes are not a vtrace trace of a supported version
     */
    public static TraceReader open(byte[] data, String name) throws IOException {
        return new TraceReader(Path.of(name), new Source() {
            @Override
            public long size() {
                return data.length;
            }

            @Override
            public int read(ByteBuffer dst, long at) {
                if (at >= data.length) {
                    return -1;
                }
                int n = (int) Math.min(dst.remaining(), data.length - at);
                dst.put(data, (int) at, n);
                return n;
            }

            @Override
            public void close() {}
        });
    }

    /**
     * The next intact frame, or null at the end of the file. The returned object and its payload
     * are reused by the next call.
     *
     * @throws IOException only when the file cannot be read; damage never throws
     */
    public Frame next() throws IOException {
        while (pos < size) {
            long start = pos;
            if (size - start < FRAME_HEADER_SIZE) {
                markTruncated(start, "file ends inside a frame header (" + (size - start) + " of "
                        + FRAME_HEADER_SIZE + " bytes)");
                return null;
            }
            readFully(start, header, FRAME_HEADER_SIZE);
            String bad = checkHeader(header);
            if (bad != null) {
                long next = findNextHeader(start + 1);
                damage.add(new Damage(start, next - start, bad + "; skipped to the next frame header"
                        + (next >= size ? " (none found)" : " at byte " + next)));
                pos = next;
                continue;
            }
            int kind = header[4] & 0xFF;
            int flags = header[5] & 0xFF;
            int len = intLE(header, 8);
            long end = start + FRAME_HEADER_SIZE + len;
            if (end > size) {
                markTruncated(start, FormatConstants.kindName(kind) + " frame of " + len
                        + " bytes is cut short: the file ends after " + (size - start - FRAME_HEADER_SIZE));
                return null;
            }
            pos = end;
            if (stored.length < len) {
                stored = new byte[Math.max(len, stored.length * 2)];
            }
            readFully(start + FRAME_HEADER_SIZE, stored, len);
            crc.reset();
            crc.update(stored, 0, len);
            if ((int) crc.getValue() != intLE(header, 12)) {
                damage.add(new Damage(start, end - start, FormatConstants.kindName(kind)
                        + " frame fails its payload checksum (corrupted); frame skipped"));
                continue;
            }
            String err = fill(kind, flags, start, len);
            if (err != null) {
                damage.add(new Damage(start, end - start, FormatConstants.kindName(kind) + " frame: " + err
                        + "; frame skipped"));
                continue;
            }
            return frame;
        }
        return null;
    }

    /**
     * Reads the frame whose header starts at {@code offset} (an offset {@link Frame#offset()}
     * returned earlier). The reading position of {@link #next()} is not changed.
     *
     * @throws TraceFormatException if the frame there is damaged
     */
    public Frame readAt(long offset) throws IOException {
        if (offset < FILE_PREAMBLE_SIZE || size - offset < FRAME_HEADER_SIZE) {
            throw new TraceFormatException(offset, "no frame header fits here (file has " + size + " bytes)");
        }
        readFully(offset, header, FRAME_HEADER_SIZE);
        String bad = checkHeader(header);
        if (bad != null) {
            throw new TraceFormatException(offset, bad);
        }
        int len = intLE(header, 8);
        if (offset + FRAME_HEADER_SIZE + len > size) {
            throw new TraceFormatException(offset, "frame is cut short by the end of the file");
        }
        if (stored.length < len) {
            stored = new byte[Math.max(len, stored.length * 2)];
        }
        readFully(offset + FRAME_HEADER_SIZE, stored, len);
        crc.reset();
        crc.update(stored, 0, len);
        if ((int) crc.getValue() != intLE(header, 12)) {
            throw new TraceFormatException(offset, "frame fails its payload checksum");
        }
        String err = fill(header[4] & 0xFF, header[5] & 0xFF, offset, len);
        if (err != null) {
            throw new TraceFormatException(offset, err);
        }
        return frame;
    }

    /** Null if the 20 header bytes are a valid frame header, else what is wrong. */
    private String checkHeader(byte[] h) {
        if (intLE(h, 0) != FRAME_SYNC) {
            return "expected a frame header (sync \"VTFR\"), found " + printable(h, 4);
        }
        crc.reset();
        crc.update(h, 0, 16);
        if ((int) crc.getValue() != intLE(h, 16)) {
            return "frame header fails its checksum (corrupted)";
        }
        int len = intLE(h, 8);
        if (len < 0 || len > MAX_FRAME_PAYLOAD) {
            return "frame length " + Integer.toUnsignedString(len) + " exceeds the limit of " + MAX_FRAME_PAYLOAD;
        }
        return null;
    }

    /** Decompresses if needed and fills {@link #frame}; returns an error or null. */
    private String fill(int kind, int flags, long offset, int len) {
        frame.kind = kind;
        frame.offset = offset;
        frame.storedLength = len;
        frame.compressed = (flags & FLAG_DEFLATE) != 0;
        if ((flags & ~FLAG_DEFLATE) != 0) {
            return "unknown flags 0x" + Integer.toHexString(flags);
        }
        if (!frame.compressed) {
            frame.payload = stored;
            frame.length = len;
            return null;
        }
        // varint uncompressed length, then raw DEFLATE
        long full = 0;
        int p = 0;
        for (int shift = 0; ; shift += 7) {
            if (p >= len || shift > 28) {
                return "bad uncompressed-length prefix";
            }
            byte b = stored[p++];
            full |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                break;
            }
        }
        if (full > MAX_FRAME_PAYLOAD) {
            return "uncompressed length " + full + " exceeds the limit of " + MAX_FRAME_PAYLOAD;
        }
        int n = (int) full;
        if (inflated.length < n) {
            inflated = new byte[Math.max(n, inflated.length * 2)];
        }
        // the index needs only an events frame's header: inflating the rest was most of its time
        boolean headerOnly = eventsHeadersOnly && kind == KIND_EVENTS && n > EVENTS_HEADER_BYTES;
        int want = headerOnly ? EVENTS_HEADER_BYTES : n;
        inflater.reset();
        inflater.setInput(stored, p, len - p);
        try {
            int got = 0;
            while (got < want) {
                int k = inflater.inflate(inflated, got, want - got);
                if (k == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                got += k;
            }
            if (headerOnly && got == want) {
                frame.payload = inflated;
                frame.length = n;
                return null;
            }
            if (got != n || !inflater.finished()) {
                return "compressed payload inflates to " + (inflater.finished() ? got : "more than " + got)
                        + " bytes, the frame says " + n;
            }
        } catch (DataFormatException e) {
            return "compressed payload is not valid DEFLATE data (" + e.getMessage() + ")";
        }
        frame.payload = inflated;
        frame.length = n;
        return null;
    }

    /** First offset ≥ from where a valid frame header starts, or the file size. */
    private long findNextHeader(long from) throws IOException {
        byte[] chunk = new byte[SCAN_CHUNK + FRAME_HEADER_SIZE];
        byte[] h = new byte[FRAME_HEADER_SIZE];
        long base = from;
        while (base + FRAME_HEADER_SIZE <= size) {
            int n = readFully(base, chunk, (int) Math.min(chunk.length, size - base));
            int limit = n - FRAME_HEADER_SIZE;
            for (int i = 0; i <= limit; i++) {
                if (chunk[i] == 'V' && chunk[i + 1] == 'T' && chunk[i + 2] == 'F' && chunk[i + 3] == 'R') {
                    System.arraycopy(chunk, i, h, 0, FRAME_HEADER_SIZE);
                    if (checkHeader(h) == null) {
                        return base + i;
                    }
                }
            }
            base += Math.max(1, limit + 1);
        }
        return size;
    }

    private void markTruncated(long at, String what) {
        truncated = true;
        damage.add(new Damage(at, 0, what + " (the recording was cut short; everything before it was read)"));
        pos = size;
    }

    private int readFully(long at, byte[] dst, int len) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(dst, 0, len);
        while (bb.hasRemaining()) {
            int n = source.read(bb, at + bb.position());
            if (n < 0) {
                if (bb.position() == 0) {
                    throw new EOFException(path + ": unexpected end of file at byte " + at);
                }
                break;
            }
        }
        return bb.position();
    }

    static int intLE(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
    }

    private static String printable(byte[] b, int n) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xFF;
            sb.append(c >= 0x20 && c < 0x7F && c != '"' ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return sb.append('"').toString();
    }

    /** Damage found so far, in file order; never null. */
    public List<Damage> damage() {
        return Collections.unmodifiableList(damage);
    }

    /** Whether the file ended in the middle of a frame (the recording was cut short). */
    public boolean truncated() {
        return truncated;
    }

    /** File size in bytes. */
    public long size() {
        return size;
    }

    /** Offset of the next frame {@link #next()} will look at. */
    public long position() {
        return pos;
    }

    /** The file this reader reads. */
    public Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        source.close();
    }
}
