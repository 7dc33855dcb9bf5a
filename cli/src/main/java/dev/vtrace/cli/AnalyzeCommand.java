package dev.vtrace.cli;

import dev.vtrace.analyzer.Analysis;
import dev.vtrace.analyzer.OrderedStream;
import dev.vtrace.analyzer.Report;
import dev.vtrace.analyzer.ReportWriter;
import dev.vtrace.format.reader.TraceIndex;
import dev.vtrace.format.reader.TraceReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trace analyze}: latencies, block reasons, goroutine analysis and diagnoses of a trace. */
@Command(
        name = "analyze",
        mixinStandardHelpOptions = true,
        header = "Latencies, why threads waited, where time went, what looks wrong.",
        sortOptions = false,
        description = {
            "",
            "Create-to-start and wake-to-run latency, block time by reason, goroutine",
            "analysis by start location, carriers, and diagnoses (leaks, starvation,",
            "pinning, idle carriers, churn), each with its evidence and what to do.",
            "Durations take a unit: ns, us, ms, s (e.g. 1.5s, 200ms); --from/--to count",
            "from the trace's first event.",
            ""
        },
        footer = {"", "Examples:", "  trace analyze trace.bin", "  trace analyze trace.bin --from 2s --to 3s --filter OrderService",
            "  trace analyze trace.bin --json > report.json", "  trace analyze trace.bin --html report.html"})
public final class AnalyzeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TRACE", description = "A trace.bin written by `trace record` or the agent.")
    Path trace;

    @Option(names = "--json", description = "Print JSON (schema vtrace.analyze/1, see docs/analyzer.md) instead of text.")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Also write a self-contained HTML report with plots (no scripts, no external files) to FILE.")
    Path html;

    @Mixin
    TimeWindow window = new TimeWindow();

    @Option(names = "--filter", paramLabel = "TEXT",
            description = "Only threads whose name or start location contains TEXT.")
    String filter;

    @Option(names = "--starvation", paramLabel = "DURATION", defaultValue = "100ms",
            description = "A run slice this long while others wait is starvation (default: ${DEFAULT-VALUE}).")
    String starvation;

    @Option(names = "--top", paramLabel = "N", defaultValue = "5",
            description = "Sites, threads and examples per list (default: ${DEFAULT-VALUE}).")
    int top;

    @Override
    public Integer call() throws Exception {
        TimeWindow.Offsets w = window.offsets();
        if (top < 1) {
            throw CliException.invalidInput("--top must be at least 1, got " + top);
        }
        Analysis.Options d = Analysis.Options.defaults();
        Analysis analysis = new Analysis(new Analysis.Options(w.from(), w.to(), filter, Durations.parse("--starvation", starvation),
                d.churnNs(), d.idleEpisodeNs(), top));
        try (TraceReader reader = Traces.open(trace)) {
            OrderedStream.run(reader, TraceIndex.build(reader, false), analysis);
        }
        Report report = analysis.report();
        if (html != null) {
            StringBuilder page = new StringBuilder();
            ReportWriter.html(report, page);
            try {
                java.nio.file.Files.writeString(html, page, java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.nio.file.FileSystemException e) {
                throw CliException.invalidInput("cannot write --html " + html + ": " + e.getMessage());
            }
            spec.commandLine().getErr().println("wrote " + html + " (" + page.length() / 1024 + " KiB)");
            spec.commandLine().getErr().flush();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ReportWriter.json(report, out);
        } else {
            ReportWriter.text(report, out);
        }
        out.flush();
        return ExitCodes.OK;
    }

}
