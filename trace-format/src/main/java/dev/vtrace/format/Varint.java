package dev.vtrace.format;

/**
 * Unsigned LEB128 and zigzag helpers shared by the writer and the reader.
 *
 * <p>The writer's hot path inlines its own copy of {@link #put(byte[], int, long)}
 * ({@code EventBuffer}) — keep the two identical.
 */
public final class Varint {
    private Varint() {}

    /** Most bytes one varint takes (a full 64-bit value). */
    public static final int MAX_BYTES = 10;

    /** Writes {@code v} as an unsigned LEB128 varint at {@code pos}; returns the new position. */
    public static int put(byte[] buf, int pos, long v) {
        while ((v & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
        return pos;
    }

    /** Bytes {@link #put} needs for {@code v}. */
    public static int size(long v) {
        int n = 1;
        while ((v & ~0x7FL) != 0) {
            n++;
            v >>>= 7;
        }
        return n;
    }

    /** Maps signed to unsigned so that small magnitudes stay small: 0,-1,1,-2 → 0,1,2,3. */
    public static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    /** Inverse of {@link #zigzag}. */
    public static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }
}
