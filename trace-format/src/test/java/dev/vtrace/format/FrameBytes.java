package dev.vtrace.format;

import java.util.zip.CRC32C;

/**
 * Surgery on a trace file's bytes for the damage tests: find a frame, read its payload length,
 * and make its checksums right again after a change, as a buggy (not a broken) writer would.
 * Offsets are docs/format.md's frame header: sync 0–3, kind 4, length 8–11, payload CRC 12–15,
 * header CRC 16–19.
 */
final class FrameBytes {
    private FrameBytes() {}

    /** The payload length of the frame at {@code frame}. */
    static int payloadLength(byte[] f, int frame) {
        return (f[frame + 8] & 0xFF) | (f[frame + 9] & 0xFF) << 8 | (f[frame + 10] & 0xFF) << 16
                | (f[frame + 11] & 0xFF) << 24;
    }

    /** Offset of the first events frame. */
    static int firstEventsFrame(byte[] f) {
        int pos = FormatConstants.FILE_PREAMBLE_SIZE;
        while (f[pos + 4] != FormatConstants.KIND_EVENTS) {
            pos += FormatConstants.FRAME_HEADER_SIZE + payloadLength(f, pos);
        }
        return pos;
    }

    /** Recomputes the payload and header checksums of the frame at {@code frame}. */
    static void fixChecksums(byte[] f, int frame) {
        CRC32C c = new CRC32C();
        c.update(f, frame + FormatConstants.FRAME_HEADER_SIZE, payloadLength(f, frame));
        putIntLE(f, frame + 12, (int) c.getValue());
        fixHeaderChecksum(f, frame);
    }

    /** Recomputes the header checksum only (the payload checksum may stay wrong on purpose). */
    static void fixHeaderChecksum(byte[] f, int frame) {
        CRC32C c = new CRC32C();
        c.update(f, frame, 16);
        putIntLE(f, frame + 16, (int) c.getValue());
    }

    static void putIntLE(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }
}
