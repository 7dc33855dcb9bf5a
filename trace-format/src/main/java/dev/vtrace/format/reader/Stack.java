package dev.vtrace.format.reader;

import java.util.List;

/**
 * A recorded stack, innermost frame first.
 *
 * @param id the stack table id
 * @param frames the frames; never null
 */
public record Stack(long id, List<StackFrame> frames) {
    /** One frame of a stack; strings are resolved ("" when unknown), line 0 when unknown. */
    public record StackFrame(String className, String methodName, String fileName, int line) {
        @Override
        public String toString() {
            // no file but a line: a frame from JFR (the recorder's in-VM pins), which keeps no file
            String where = fileName.isEmpty() ? (line > 0 ? "line " + line : "Unknown Source")
                    : line > 0 ? fileName + ":" + line : fileName;
            return className + "." + methodName + "(" + where + ")";
        }
    }

    /** The innermost frame, or null for an empty stack. */
    public StackFrame top() {
        return frames.isEmpty() ? null : frames.get(0);
    }
}
