package dev.vtrace.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code trace demo}: the whole flow on a built-in workload — record, analyze, export — so a
 * newcomer sees what vtrace does in one command.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        header = "Record, analyze and export a sample workload in one go.",
        sortOptions = false,
        description = {
            "",
            "The whole vtrace flow in one command. The default sample is a web API on",
            "virtual threads that leaks one parked thread per request: the analysis finds",
            "the leak and the line where the threads wait.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  trace demo",
            "  trace demo --sample starvation",
            "  trace demo --sample web-api-leak -- --requests=2000"
        })
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--sample", paramLabel = "NAME", description = "Sample to run (default: ${DEFAULT-VALUE}; list: trace samples).")
    String sample = "web-api-leak";

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to write the files (default: ${DEFAULT-VALUE}).")
    Path dir = Path.of("vtrace-demo");

    @Parameters(paramLabel = "ARGS", arity = "0..*", description = "Arguments for the sample, after `--`.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Files.createDirectories(dir);
        String trace = dir.resolve("trace.bin").toString();
        String pftrace = dir.resolve("trace.pftrace").toString();

        step(err, "1/3 Recording the '" + sample + "' sample with the vtrace agent (block stacks on)");
        List<String> record = new ArrayList<>(List.of("record", "-o", trace, "--stacks=block", "--sample", sample));
        if (!args.isEmpty()) {
            record.add("--");
            record.addAll(args);
        }
        int rc = Cli.newCommandLine(out, err).execute(record.toArray(String[]::new));
        if (rc != ExitCodes.OK || !Files.exists(Path.of(trace))) {
            throw new CliException(ExitCodes.FAILURE, "recording the sample failed (exit " + rc + "); see the lines above");
        }

        step(err, "2/3 Analyzing: trace analyze " + trace);
        rc = Cli.newCommandLine(out, err).execute("analyze", trace);
        if (rc != ExitCodes.OK) {
            return rc;
        }

        step(err, "3/3 Exporting for Perfetto: trace export " + trace + " -o " + pftrace);
        rc = Cli.newCommandLine(out, err).execute("export", trace, "-o", pftrace);
        if (rc != ExitCodes.OK) {
            return rc;
        }
        err.println();
        err.println("Done. To see the timeline:");
        err.println("  1. open https://ui.perfetto.dev in a browser");
        err.println("  2. click \"Open trace file\" and pick " + Path.of(pftrace).toAbsolutePath());
        err.println("  3. expand \"carriers\" (who ran when) and \"virtual threads\" (why each one waited)");
        err.println("Your own app: trace record -o app.bin -- java -jar app.jar");
        err.flush();
        return ExitCodes.OK;
    }

    private static void step(PrintWriter err, String what) {
        err.println();
        err.println("== " + what);
        err.flush();
    }
}
