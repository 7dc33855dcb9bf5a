package dev.vtrace.analyzer;

/**
 * JSON string literals: the one escaper of the project's JSON writers (the analyzer's
 * {@code --json} report and viewer-export's Chrome trace), so both quote text the same way.
 */
public final class JsonText {
    private JsonText() {}

    /** Appends {@code s} as a quoted JSON string (RFC 8259: quote, backslash, control characters). */
    public static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
