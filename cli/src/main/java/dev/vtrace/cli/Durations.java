package dev.vtrace.cli;

import java.util.Locale;

/** Human durations for reports: "812 ns", "3.20 µs", "45.1 ms", "2.503 s". */
final class Durations {
    private Durations() {}

    static String format(long ns) {
        if (ns < 1_000) {
            return ns + " ns";
        }
        if (ns < 1_000_000) {
            return String.format(Locale.US, "%.2f µs", ns / 1e3);
        }
        if (ns < 1_000_000_000) {
            return String.format(Locale.US, "%.1f ms", ns / 1e6);
        }
        return String.format(Locale.US, "%.3f s", ns / 1e9);
    }
}
