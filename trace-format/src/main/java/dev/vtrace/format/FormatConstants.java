package dev.vtrace.format;

/**
 * The numbers that define trace.bin, in one place (docs/format.md explains each).
 *
 * <pre>
 * file   := MAGIC(8) VERSION(u32 LE) frame*
 * frame  := SYNC(4) kind(u8) flags(u8) reserved(u16 = 0) length(u32 LE)
 *           payloadCrc(u32 LE) headerCrc(u32 LE) payload[length]
 * </pre>
 * Both checksums are CRC-32C; headerCrc covers the 16 header bytes before it, payloadCrc the
 * stored payload. All multi-byte fixed-width fields are little-endian.
 */
public final class FormatConstants {
    private FormatConstants() {}

    /** File magic: {@code \x89 V T R A C E \n}; the high byte catches 7-bit transfers, the newline CRLF damage. */
    public static final byte[] MAGIC = {(byte) 0x89, 'V', 'T', 'R', 'A', 'C', 'E', '\n'};
    /** Format version written after the magic. */
    public static final int VERSION = 1;
    /** Bytes before the first frame: magic and version. */
    public static final int FILE_PREAMBLE_SIZE = MAGIC.length + 4;

    /** Marks the start of every frame, so a reader can find the next frame after damage: "VTFR". */
    public static final int FRAME_SYNC = 0x52465456; // 'V','T','F','R' read as a little-endian int
    /** Size of a frame header, including both checksums. */
    public static final int FRAME_HEADER_SIZE = 20;
    /**
     * Largest payload a frame may store or inflate to. A length above it is damage, never an
     * allocation: this bounds the memory any input can make a reader use.
     */
    public static final int MAX_FRAME_PAYLOAD = 16 << 20;

    /** Frame kind: {@code TraceHeader} protobuf message. Always the first frame. */
    public static final int KIND_HEADER = 1;
    /** Frame kind: one batch of events written by one thread (M). */
    public static final int KIND_EVENTS = 2;
    /** Frame kind: string table entries. */
    public static final int KIND_STRINGS = 3;
    /** Frame kind: stack table entries. */
    public static final int KIND_STACKS = 4;
    /** Frame kind: {@code TraceFooter} protobuf message. The last frame of a complete trace. */
    public static final int KIND_FOOTER = 5;

    /** Flag: the payload is a varint uncompressed length followed by raw DEFLATE data. */
    public static final int FLAG_DEFLATE = 1;

    /** Human name of a frame kind, for messages. */
    public static String kindName(int kind) {
        return switch (kind) {
            case KIND_HEADER -> "header";
            case KIND_EVENTS -> "events";
            case KIND_STRINGS -> "strings";
            case KIND_STACKS -> "stacks";
            case KIND_FOOTER -> "footer";
            default -> "unknown kind " + kind;
        };
    }
}
