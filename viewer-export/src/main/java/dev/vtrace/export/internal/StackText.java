package dev.vtrace.export.internal;

import dev.vtrace.format.reader.Stack;
import dev.vtrace.format.reader.TraceTables;

/** Renders recorded stacks as text, innermost frame first, one frame a line. */
final class StackText {
    /** Frames rendered at most; the rest is summarized in one line. */
    static final int MAX_FRAMES = 48;

    private StackText() {}

    /** The stack's text, or "" when the id is unknown. */
    static String of(TraceTables tables, long id) {
        Stack s = tables == null ? null : tables.stack(id);
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        int n = Math.min(s.frames().size(), MAX_FRAMES);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append('\n');
            }
            sb.append(s.frames().get(i));
        }
        if (s.frames().size() > n) {
            sb.append("\n... ").append(s.frames().size() - n).append(" more");
        }
        return sb.toString();
    }
}
