package dev.vtrace.cli;

import java.util.Locale;

/** Durations as users write them on the command line (reports print them with ReportWriter.dur). */
final class Durations {
    private Durations() {}

    /** "1.5s", "200ms", "10us" / "10µs", "500ns" to ns. */
    static long parse(String option, String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        long unit;
        String num;
        if (v.endsWith("ns")) {
            unit = 1;
            num = v.substring(0, v.length() - 2);
        } else if (v.endsWith("us") || v.endsWith("µs")) {
            unit = 1_000;
            num = v.substring(0, v.length() - 2);
        } else if (v.endsWith("ms")) {
            unit = 1_000_000;
            num = v.substring(0, v.length() - 2);
        } else if (v.endsWith("s")) {
            unit = 1_000_000_000;
            num = v.substring(0, v.length() - 1);
        } else {
            throw CliException.invalidInput(option + " '" + s + "' needs a unit: ns, us, ms or s (e.g. 200ms)");
        }
        try {
            double x = Double.parseDouble(num.trim());
            if (x < 0 || Double.isNaN(x)) {
                throw new NumberFormatException();
            }
            return (long) Math.min(Long.MAX_VALUE, Math.round(x * unit));
        } catch (NumberFormatException e) {
            throw CliException.invalidInput(option + " '" + s + "' is not a duration; write e.g. 1.5s, 200ms, 10us");
        }
    }
}
