package dev.vtrace.samples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A sample's result as {@code key=value} lines (comments start with {@code #}): readable by people,
 * and by tests and the sweep with {@link #parse}. Numbers are formatted in {@link Locale#US}.
 */
final class Report {

    private final List<String> lines = new ArrayList<>();

    Report comment(String text) {
        lines.add("# " + text);
        return this;
    }

    Report add(String key, long value) {
        return add(key, Long.toString(value));
    }

    /** Adds a measured quantity with one decimal, e.g. {@code 12.3}. */
    Report add(String key, double value) {
        return add(key, String.format(Locale.US, "%.1f", value));
    }

    Report add(String key, String value) {
        if (key.indexOf('=') >= 0 || key.startsWith("#")) {
            throw new IllegalArgumentException("bad report key '" + key + "'");
        }
        lines.add(key + "=" + value);
        return this;
    }

    void print(PrintStream out) {
        lines.forEach(out::println);
        out.flush();
    }

    /** The {@code key=value} lines of a printed report, in order; other lines are ignored. */
    static Map<String, String> parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("#")) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }
}
