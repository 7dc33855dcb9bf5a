package dev.vtrace.export.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A minimal protobuf wire-format writer into a growable buffer, for the hot path of the Perfetto
 * sink: no objects per message. Nested messages reserve one length byte and move their content
 * when it turns out longer than 127 bytes (rare for trace packets).
 */
final class PbWriter {
    private static final int WIRE_VARINT = 0, WIRE_FIXED64 = 1, WIRE_LEN = 2;

    byte[] buf = new byte[1 << 17];
    int pos;

    void varintField(int field, long v) {
        tag(field, WIRE_VARINT);
        varint(v);
    }

    void fixed64Field(int field, long v) {
        tag(field, WIRE_FIXED64);
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[pos++] = (byte) (v >>> (8 * i));
        }
    }

    void boolField(int field, boolean v) {
        varintField(field, v ? 1 : 0);
    }

    void stringField(int field, String s) {
        tag(field, WIRE_LEN);
        int n = s.length();
        boolean ascii = true;
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            varint(n);
            ensure(n);
            for (int i = 0; i < n; i++) {
                buf[pos++] = (byte) s.charAt(i);
            }
        } else {
            byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            varint(b.length);
            ensure(b.length);
            System.arraycopy(b, 0, buf, pos, b.length);
            pos += b.length;
        }
    }

    /** Starts a length-delimited field; returns the mark to pass to {@link #endMessage}. */
    int beginMessage(int field) {
        tag(field, WIRE_LEN);
        ensure(1);
        return pos++;
    }

    /** The tag of a field as a varint value. */
    static int tagOf(int field, int wire) {
        return (field << 3) | wire;
    }

    static final int VARINT = WIRE_VARINT, FIXED64 = WIRE_FIXED64, LEN = WIRE_LEN;

    void endMessage(int mark) {
        int len = pos - mark - 1;
        if (len < 0x80) {
            buf[mark] = (byte) len;
            return;
        }
        int size = varintSize(len);
        ensure(size - 1);
        System.arraycopy(buf, mark + 1, buf, mark + size, len);
        pos += size - 1;
        int p = mark;
        long v = len;
        while ((v & ~0x7FL) != 0) {
            buf[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[p] = (byte) v;
    }

    void tag(int field, int wire) {
        varint(((long) field << 3) | wire);
    }

    void varint(long v) {
        ensure(10);
        uVarint(v);
    }

    // ---- unchecked writes: the caller has made room with ensure() first

    /** A one-byte tag or value (0..127), unchecked. */
    void uByte(int b) {
        buf[pos++] = (byte) b;
    }

    /** A varint field, unchecked. */
    void uVarintField(int field, long v) {
        if (field < 16) {
            buf[pos++] = (byte) (field << 3);
        } else {
            uVarint((long) field << 3);
        }
        uVarint(v);
    }

    /** A fixed64 field, unchecked. */
    void uFixed64Field(int field, long v) {
        uVarint(((long) field << 3) | WIRE_FIXED64);
        byte[] b = buf;
        int p = pos;
        for (int i = 0; i < 8; i++) {
            b[p++] = (byte) (v >>> (8 * i));
        }
        pos = p;
    }

    /** Starts a length-delimited field, unchecked; returns the mark for {@link #endMessage}. */
    int uBeginMessage(int field) {
        uVarint(((long) field << 3) | WIRE_LEN);
        return pos++;
    }

    void uVarint(long v) {
        if ((v & ~0x7FL) == 0) {
            buf[pos++] = (byte) v;
        } else {
            pos = putVarint(buf, pos, v);
        }
    }

    /** Writes varint {@code v} at {@code b[p]} (room made by the caller); returns the position after it. */
    static int putVarint(byte[] b, int p, long v) {
        // one byte in a method small enough to be inlined at every call site (the JIT inlines
        // callees of up to 35 bytecodes at call sites it does not consider hot)
        if ((v & ~0x7FL) == 0) {
            b[p] = (byte) v;
            return p + 1;
        }
        return putLongerVarint(b, p, v);
    }

    private static int putLongerVarint(byte[] b, int p, long v) {
        // one and two bytes are nearly every value written (deltas, uuids, iids): no loop for them
        if ((v & ~0x3FFFL) == 0) {
            SHORT.set(b, p, (short) ((v & 0x7F) | 0x80 | (v >>> 7) << 8));
            return p + 2;
        }
        while ((v & ~0x7FL) != 0) {
            b[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b[p++] = (byte) v;
        return p;
    }

    private static final java.lang.invoke.VarHandle SHORT =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(short[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final java.lang.invoke.VarHandle INT =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final java.lang.invoke.VarHandle LONG =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** Writes {@code v} as fixed64 (8 bytes, little-endian) at {@code b[p]}; returns the position after it. */
    static int putFixed64(byte[] b, int p, long v) {
        LONG.set(b, p, v);
        return p + 8;
    }

    /** Writes 4 bytes, {@code v} little-endian, at {@code b[p]}; returns the position after them. */
    static int putInt(byte[] b, int p, int v) {
        INT.set(b, p, v);
        return p + 4;
    }

    /** The 4 bytes at {@code b[p]} as a little-endian int. */
    static int getInt(byte[] b, int p) {
        return (int) INT.get(b, p);
    }

    static int varintSize(long v) {
        int n = 1;
        while ((v & ~0x7FL) != 0) {
            n++;
            v >>>= 7;
        }
        return n;
    }

    void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    void drainTo(OutputStream out) throws IOException {
        out.write(buf, 0, pos);
        pos = 0;
    }
}
