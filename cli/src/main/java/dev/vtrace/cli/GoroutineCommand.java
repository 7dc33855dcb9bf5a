package dev.vtrace.cli;

import dev.vtrace.analyzer.GoroutineHistory;
import dev.vtrace.analyzer.OrderedStream;
import dev.vtrace.format.reader.TraceIndex;
import dev.vtrace.format.reader.TraceReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trace goroutine}: the full life of one virtual thread. */
@Command(
        name = "goroutine",
        mixinStandardHelpOptions = true,
        header = "Show the full life of one virtual thread, transition by transition.",
        sortOptions = false,
        description = {
            "",
            "Every state change with its time, how long the state before lasted, the",
            "carrier (P), the reason, who woke or created it, and the stacks recorded.",
            ""
        },
        footer = {"", "Example:", "  trace goroutine trace.bin 4711      (the id is Thread.threadId())"})
public final class GoroutineCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TRACE", description = "A trace.bin written by `trace record` or the agent.")
    Path trace;

    @Parameters(index = "1", paramLabel = "ID", description = "The thread id (Thread.threadId(), as `trace analyze` prints it: G4711 or 4711).")
    String id;

    @Override
    public Integer call() throws Exception {
        long g;
        try {
            g = Long.parseLong(id.startsWith("G") || id.startsWith("g") ? id.substring(1) : id);
        } catch (NumberFormatException e) {
            throw CliException.invalidInput("thread id '" + id + "' is not a number; write e.g. 4711 or G4711");
        }
        GoroutineHistory h = new GoroutineHistory(g);
        try (TraceReader reader = Traces.open(trace)) {
            OrderedStream.run(reader, TraceIndex.build(reader, false), h);
        }
        if (!h.found()) {
            throw CliException.invalidInput("no events of G" + g + " in " + trace
                    + "; `trace analyze " + trace + "` lists thread ids");
        }
        PrintWriter out = spec.commandLine().getOut();
        h.text(out);
        out.flush();
        return ExitCodes.OK;
    }
}
