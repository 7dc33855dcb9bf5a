package dev.vtrace.cli;

import dev.vtrace.analyzer.OrderedStream;
import dev.vtrace.export.BusiestThreads;
import dev.vtrace.export.ExportOptions;
import dev.vtrace.export.Exporter;
import dev.vtrace.export.Exporters;
import dev.vtrace.format.reader.TraceIndex;
import dev.vtrace.format.reader.TraceReader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trace export}: convert a trace for the Perfetto UI (or any Trace Event Format viewer). */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        header = "Convert a trace for the Perfetto UI (.pftrace, .pftrace.gz, .json, .json.gz).",
        sortOptions = false,
        description = {
            "",
            "One track per carrier, one per virtual thread (running, runnable, blocked:",
            "reason, pinned), wake-up and creation arrows, counters, GC, user regions.",
            "The format follows the file name: .pftrace (Perfetto protobuf: compact, for",
            "large traces), .pftrace.gz (the same gzipped: ~3.5x smaller, slower to write),",
            ".json or .json.gz (Chrome Trace Event Format).",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  trace export trace.bin -o trace.pftrace",
            "  trace export trace.bin -o slow.json.gz --from 2s --to 2.5s --filter handleRequest",
            "",
            "Then open https://ui.perfetto.dev and drop the file on it (or: Open trace file)."
        })
public final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TRACE", description = "The trace.bin to convert.")
    Path trace;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Output file (default: ${DEFAULT-VALUE}).")
    Path output = Path.of("trace.pftrace");

    @Mixin
    TimeWindow window = new TimeWindow();

    @Option(names = "--filter", paramLabel = "TEXT",
            description = "Keep per-thread tracks of virtual threads whose name or start location contains TEXT.")
    String filter;

    @Option(names = "--max-threads", paramLabel = "N",
            description = "Keep per-thread tracks only for the N threads that ran longest (reads the trace twice).")
    Integer maxThreads;

    @Option(names = "--no-stacks", negatable = true, description = "Attach recorded stacks to slices (default: on).")
    boolean stacks = true;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        ExportOptions opts = ExportOptions.defaults().withStacks(stacks).withWarnings(w -> {
            err.println("trace export: " + w);
            err.flush();
        });
        try {
            Exporters.formatOf(output);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.INVALID_INPUT, e.getMessage());
        }
        if (maxThreads != null && maxThreads < 1) {
            throw new CliException(ExitCodes.INVALID_INPUT, "--max-threads must be at least 1, got " + maxThreads);
        }
        long t0 = System.nanoTime();
        try (TraceReader r = Traces.open(trace)) {
            if (window.isSet()) {
                long start = TraceIndex.build(r, false).minTs();
                TimeWindow.Offsets w = window.offsets();
                opts = opts.withWindow(start + w.from(), w.to() == Long.MAX_VALUE ? w.to() : start + w.to());
            }
        }
        if (filter != null) {
            opts = opts.withFilter(filter);
        }
        if (maxThreads != null) {
            BusiestThreads busiest = new BusiestThreads();
            OrderedStream.run(trace, busiest);
            opts = opts.withKeepThreads(busiest.top(maxThreads));
        }
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new CliException(ExitCodes.INVALID_INPUT, "no such directory: " + parent);
        }
        long events;
        try (Exporter ex = Exporters.forPath(output, opts)) {
            OrderedStream.run(trace, ex);
            events = ex.eventsSeen();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        err.printf(Locale.US, "Exported %s -> %s: %,d events, %s in %.1f s%n", trace, output, events,
                Sizes.format(Files.size(output)), secs);
        err.printf("Open it: https://ui.perfetto.dev -> Open trace file -> %s%n", output.toAbsolutePath());
        err.flush();
        return ExitCodes.OK;
    }
}
