package dev.vtrace.cli;

import dev.vtrace.analyzer.ReportWriter;
import dev.vtrace.format.EventType;
import dev.vtrace.format.FormatConstants;
import dev.vtrace.format.reader.Damage;
import dev.vtrace.format.reader.TraceIndex;
import dev.vtrace.format.reader.TraceReader;
import dev.vtrace.format.proto.TraceFooter;
import dev.vtrace.format.proto.TraceHeader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trace info}: what a trace file holds, like {@code jfr summary}. */
@Command(
        name = "info",
        mixinStandardHelpOptions = true,
        header = "Show what a trace file holds (like jfr summary).",
        sortOptions = false,
        description = {
            "",
            "Header, time span, events per type, frames, drops and damage. Reads the whole",
            "file once; a damaged or cut-short file is reported, not rejected.",
            ""
        },
        footer = {"", "Example:", "  trace info trace.bin"})
public final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TRACE", description = "A trace.bin written by `trace record` or the agent.")
    Path trace;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (TraceReader reader = Traces.open(trace)) {
            TraceIndex ix = TraceIndex.build(reader, true);
            print(out, trace, ix);
        }
        out.flush();
        return 0;
    }

    static void print(PrintWriter out, Path file, TraceIndex ix) {
        out.printf(Locale.US, "%s%n", file);
        out.printf(Locale.US, "  size           %,d bytes%n", ix.fileSize());
        TraceHeader h = ix.header();
        if (h != null) {
            out.printf(Locale.US, "  recorded       %s%n", Instant.ofEpochSecond(0, h.getEpochUnixNanos()));
            out.printf(Locale.US, "  JVM            %s (%s), pid %d, %d CPUs, scheduler parallelism %d%n",
                    h.getJvmVersion(), h.getJvmVendor(), h.getPid(), h.getAvailableProcessors(),
                    h.getSchedulerParallelism());
            if (!h.getCommandLine().isEmpty()) {
                out.printf(Locale.US, "  command        %s%n", h.getCommandLine());
            }
            out.printf(Locale.US, "  recorder       %s, options: %s%n", h.getRecorderVersion(),
                    h.getOptions().isEmpty() ? "(defaults)" : h.getOptions());
        } else {
            out.printf("  header         missing (damaged)%n");
        }
        long events = ix.totalEvents();
        if (events > 0) {
            out.printf(Locale.US, "  span           %s (%,d ns to %,d ns after the epoch)%n",
                    ReportWriter.dur(ix.maxTs() - ix.minTs()), ix.minTs(), ix.maxTs());
        }
        out.printf(Locale.US, "  events         %,d in %,d batches%n", events, ix.batches().size());
        TraceFooter f = ix.footer();
        long dropped = f != null ? f.getEventsDropped() : ix.droppedInBatches();
        out.printf(Locale.US, "  dropped        %,d events%s%n", dropped,
                dropped > 0 ? " (buffers were full: raise the agent's buffer= option)" : "");
        out.printf(Locale.US, "  ended          %s%n", f != null ? "cleanly (" + f.getEndReason() + ")"
                : "without a footer: the JVM was killed or is still recording; all complete frames were read");
        out.printf(Locale.US, "  strings        %,d, stacks %,d%n", ix.tables().stringCount(), ix.tables().stackCount());
        out.println();
        out.println("  Event type              Count");
        out.println("  ------------------  -----------");
        for (EventType t : EventType.values()) {
            long n = ix.events(t);
            if (n > 0) {
                out.printf(Locale.US, "  %-18s  %,11d%n", t.name(), n);
            }
        }
        out.println();
        out.println("  Frame kind          Count");
        out.println("  ------------------  -----------");
        for (int k = FormatConstants.KIND_HEADER; k <= FormatConstants.KIND_FOOTER; k++) {
            out.printf(Locale.US, "  %-18s  %,11d%n", FormatConstants.kindName(k), ix.frames(k));
        }
        if (ix.unknownFrames() > 0) {
            out.printf(Locale.US, "  %-18s  %,11d (from a newer vtrace; skipped)%n", "unknown", ix.unknownFrames());
        }
        out.printf(Locale.US, "  compressed frames   %,11d%n", ix.compressedFrames());
        out.println();
        if (ix.damage().isEmpty()) {
            out.println("  damage         none");
        } else {
            out.printf(Locale.US, "  damage         %d place(s); everything else was read:%n", ix.damage().size());
            for (Damage d : ix.damage()) {
                out.printf("    %s%n", d);
            }
        }
    }
}
