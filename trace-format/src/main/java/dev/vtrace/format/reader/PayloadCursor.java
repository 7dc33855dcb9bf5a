package dev.vtrace.format.reader;

/**
 * Bounds-checked varint decoding over one frame payload. Every read either stays inside the
 * payload or throws a {@link TraceFormatException} naming the frame and the payload position.
 */
final class PayloadCursor {
    byte[] b;
    int pos;
    int end;
    long frameOffset;
    String what;

    void reset(Frame f, String what) {
        this.b = f.payload();
        this.pos = 0;
        this.end = f.length();
        this.frameOffset = f.offset();
        this.what = what;
    }

    boolean hasMore() {
        return pos < end;
    }

    long varint() throws TraceFormatException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw error("a varint runs past the end of the payload");
            }
            byte x = b[pos++];
            v |= (long) (x & 0x7F) << shift;
            if (x >= 0) {
                return v;
            }
        }
        throw error("a varint is longer than 10 bytes");
    }

    /** A varint that must be a length or count in {@code [0, max]}. */
    int count(long max, String name) throws TraceFormatException {
        long v = varint();
        if (v < 0 || v > max) {
            throw error(name + " " + Long.toUnsignedString(v) + " is impossible here (at most " + max + ")");
        }
        return (int) v;
    }

    TraceFormatException error(String msg) {
        return new TraceFormatException(frameOffset, what + " frame, payload byte " + pos + ": " + msg);
    }
}
