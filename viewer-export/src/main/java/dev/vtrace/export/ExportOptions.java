package dev.vtrace.export;

import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What to export and how. Immutable; start from {@link #defaults()} and change with the
 * {@code with*} methods.
 *
 * @param command shown in the process name ("vtrace: <command>"); null or "" takes the traced
 *     JVM's command line from the trace header, else the trace's file name
 * @param fromNs start of the time window, ns after the trace epoch (inclusive); states that began
 *     earlier are cut at it
 * @param toNs end of the time window, ns after the trace epoch (inclusive); {@link Long#MAX_VALUE}
 *     for no end; states still open there are cut at it
 * @param filter keep per-thread tracks only of virtual threads whose name or start location
 *     contains this (case-sensitive); null or "" keeps all. Carrier tracks and counters always
 *     show every thread.
 * @param keepThreads if not null, keep per-thread tracks only for these goroutine ids (how
 *     {@code --max-threads} is applied: see {@link BusiestThreads}); combined with {@code filter}
 * @param stacks whether to attach recorded stacks as arguments
 * @param jsonWarnBytes JSON output size past which {@code warnings} is told once (Perfetto's UI
 *     runs out of memory around 1–2 GB of JSON)
 * @param warnings receives one-line warnings for the user; never null
 */
public record ExportOptions(
        String command,
        long fromNs,
        long toNs,
        String filter,
        Set<Long> keepThreads,
        boolean stacks,
        long jsonWarnBytes,
        Consumer<String> warnings) {

    /** The default JSON size warning threshold: 500 MB. */
    public static final long DEFAULT_JSON_WARN_BYTES = 500_000_000L;

    public ExportOptions {
        Objects.requireNonNull(warnings, "warnings");
        if (fromNs < 0 || toNs < fromNs) {
            throw new IllegalArgumentException("time window must satisfy 0 <= from <= to, got from=" + fromNs
                    + " ns, to=" + toNs + " ns");
        }
        keepThreads = keepThreads == null ? null : Set.copyOf(keepThreads);
    }

    /** Everything, stacks included, warnings ignored. */
    public static ExportOptions defaults() {
        return new ExportOptions(null, 0, Long.MAX_VALUE, null, null, true, DEFAULT_JSON_WARN_BYTES, w -> {});
    }

    public ExportOptions withCommand(String command) {
        return new ExportOptions(command, fromNs, toNs, filter, keepThreads, stacks, jsonWarnBytes, warnings);
    }

    /** The time window [from, to] in ns after the trace epoch. */
    public ExportOptions withWindow(long fromNs, long toNs) {
        return new ExportOptions(command, fromNs, toNs, filter, keepThreads, stacks, jsonWarnBytes, warnings);
    }

    public ExportOptions withFilter(String filter) {
        return new ExportOptions(command, fromNs, toNs, filter, keepThreads, stacks, jsonWarnBytes, warnings);
    }

    public ExportOptions withKeepThreads(Set<Long> keepThreads) {
        return new ExportOptions(command, fromNs, toNs, filter, keepThreads, stacks, jsonWarnBytes, warnings);
    }

    public ExportOptions withStacks(boolean stacks) {
        return new ExportOptions(command, fromNs, toNs, filter, keepThreads, stacks, jsonWarnBytes, warnings);
    }

    public ExportOptions withJsonWarnBytes(long jsonWarnBytes) {
        return new ExportOptions(command, fromNs, toNs, filter, keepThreads, stacks, jsonWarnBytes, warnings);
    }

    public ExportOptions withWarnings(Consumer<String> warnings) {
        return new ExportOptions(command, fromNs, toNs, filter, keepThreads, stacks, jsonWarnBytes, warnings);
    }
}
