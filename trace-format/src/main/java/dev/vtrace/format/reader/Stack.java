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
            return className + "." + methodName + "(" + (fileName.isEmpty() ? "Unknown Source" : fileName)
                    + (line > 0 ? ":" + line : "") + ")";
        }
    }

    /** The innermost frame, or null for an empty stack. */
    public StackFrame top() {
        return frames.isEmpty() ? null : frames.get(0);
    }
}
