package dev.vtrace.cli;

import java.util.Locale;

/** Human byte sizes: "812 B", "3.2 KiB", "45.1 MiB". */
final class Sizes {
    private Sizes() {}

    static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.US, "%.1f KiB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(Locale.US, "%.1f MiB", bytes / (1024.0 * 1024));
        }
        return String.format(Locale.US, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
    }
}
