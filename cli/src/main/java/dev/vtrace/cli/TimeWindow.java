package dev.vtrace.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --from/--to} options of {@code analyze} and {@code export}: one definition, so both
 * read and reject a window the same way. Offsets count from the trace's first event.
 */
final class TimeWindow {
    @Option(names = "--from", paramLabel = "DURATION",
            description = "Start of the window, after the trace's first event (e.g. 1.5s, 200ms; default: 0).")
    String from;

    @Option(names = "--to", paramLabel = "DURATION",
            description = "End of the window, after the trace's first event (default: the end).")
    String to;

    /** Offsets in ns from the trace's first event; {@code to} is {@code Long.MAX_VALUE} when not given. */
    record Offsets(long from, long to) {}

    boolean isSet() {
        return from != null || to != null;
    }

    /** The window's offsets, checked: rejects a {@code --to} before {@code --from}. */
    Offsets offsets() {
        long f = from == null ? 0 : Durations.parse("--from", from);
        long t = to == null ? Long.MAX_VALUE : Durations.parse("--to", to);
        if (t < f) {
            throw CliException.invalidInput("--to " + to + " is before --from " + from);
        }
        return new Offsets(f, t);
    }
}
