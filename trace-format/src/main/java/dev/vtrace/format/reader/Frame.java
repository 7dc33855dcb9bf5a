package dev.vtrace.format.reader;

import dev.vtrace.format.FormatConstants;

/**
 * A frame that passed its checksums, with its payload decompressed.
 *
 * <p>The payload array belongs to the reader and is reused: it is valid until the next call on
 * the reader that produced it. Copy what you keep.
 */
public final class Frame {
    int kind;
    long offset;
    int storedLength;
    byte[] payload;
    int length;
    boolean compressed;

    /** Frame kind, one of {@code FormatConstants.KIND_*} or an unknown value. */
    public int kind() {
        return kind;
    }

    /** File offset of the frame header. */
    public long offset() {
        return offset;
    }

    /** Bytes the frame takes in the file, header included. */
    public long fileLength() {
        return FormatConstants.FRAME_HEADER_SIZE + (long) storedLength;
    }

    /** Decompressed payload bytes; valid in {@code [0, length())}. */
    public byte[] payload() {
        return payload;
    }

    /** Decompressed payload length. */
    public int length() {
        return length;
    }

    /** Whether the payload was compressed in the file. */
    public boolean compressed() {
        return compressed;
    }

    @Override
    public String toString() {
        return FormatConstants.kindName(kind) + " frame at byte " + offset;
    }
}
