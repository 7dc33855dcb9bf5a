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

    boolean isSet() {
        return from != null || to != null;
    }

    /** Start offset in ns (0 when not given). */
    long fromNs() {
        checkOrder();
        return from == null ? 0 : Durations.parse("--from", from);
    }

    /** End offset in ns ({@code Long.MAX_VALUE} when not given). */
    long toNs() {
        checkOrder();
        return to == null ? Long.MAX_VALUE : Durations.parse("--to", to);
    }

    private void checkOrder() {
        if (from != null && to != null && Durations.parse("--to", to) < Durations.parse("--from", from)) {
            throw CliException.invalidInput("--to " + to + " is before --from " + from);
        }
    }
}
