package dev.vtrace.cli;

import dev.vtrace.samples.Sample;
import dev.vtrace.samples.Samples;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code trace samples}: the built-in workloads, one line each. */
@Command(
        name = "samples",
        mixinStandardHelpOptions = true,
        header = "List the built-in sample workloads.",
        description = {"", "Record one with: trace record --sample NAME", ""},
        footer = {"", "Example:", "  trace record --sample web-api-leak && trace analyze trace.bin"})
public final class SamplesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int width = Samples.all().stream().mapToInt(s -> s.name().length()).max().orElse(10);
        for (Sample s : Samples.all()) {
            out.printf("  %-" + width + "s  %s%n", s.name(), s.description());
        }
        out.println();
        out.println("Record one:   trace record --sample NAME [-- sample args]");
        out.println("Sample args:  --key=value after --, e.g. trace record --sample pingpong -- --handoffs=10000");
        out.flush();
        return ExitCodes.OK;
    }
}
