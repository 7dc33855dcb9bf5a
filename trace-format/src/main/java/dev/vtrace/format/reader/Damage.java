package dev.vtrace.format.reader;

/**
 * One place where the file is damaged and what the reader did about it.
 *
 * @param offset file offset where the damage starts
 * @param length bytes skipped because of it (0 when nothing could be skipped, e.g. at the end)
 * @param what a one-line description: what was expected, what was found
 */
public record Damage(long offset, long length, String what) {
    @Override
    public String toString() {
        return "at byte " + offset + (length > 0 ? " (" + length + " bytes skipped)" : "") + ": " + what;
    }
}
