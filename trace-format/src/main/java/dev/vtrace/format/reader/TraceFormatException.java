package dev.vtrace.format.reader;

import java.io.IOException;

/**
 * The input is not a well-formed vtrace trace at some place: the message says what was
 * expected, what was found and where ({@link #offset()}, bytes from the start of the file).
 */
public final class TraceFormatException extends IOException {
    private final long offset;

    public TraceFormatException(long offset, String message) {
        super("at byte " + offset + ": " + message);
        this.offset = offset;
    }

    /** File offset of the damage; -1 when unknown. */
    public long offset() {
        return offset;
    }
}
