package dev.vtrace.cli;

import dev.vtrace.format.writer.SyntheticTrace;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trace train} (hidden): the run the launcher records its startup cache from (JDK 25's AOT
 * cache, JEP 483 and 515: classes loaded and linked, method profiles). It writes a synthetic trace
 * to a temporary directory and runs the commands users run on it, in this JVM — analyze (text,
 * JSON, HTML), export (Perfetto and JSON), info — so that their classes and hot paths are in the
 * cache: later runs start sooner and compile the hot paths without profiling them first.
 */
@Command(
        name = "train",
        hidden = true,
        mixinStandardHelpOptions = true,
        header = "Run the commands on a synthetic trace (the launcher's startup-cache training run).")
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--events", paramLabel = "N", defaultValue = "2000000",
            description = "Events in the synthetic trace (default: ${DEFAULT-VALUE}).")
    long events;

    @Override
    public Integer call() throws IOException {
        Path dir = Files.createTempDirectory("vtrace-train");
        try {
            Path trace = dir.resolve("train.bin");
            SyntheticTrace.write(trace, events, 8);
            PrintWriter sink = new PrintWriter(Writer.nullWriter());
            String file = trace.toString();
            for (List<String> args : List.of(
                    List.of("analyze", file),
                    List.of("analyze", "--json", file),
                    List.of("analyze", "--html", dir.resolve("report.html").toString(), file),
                    List.of("export", file, "-o", dir.resolve("train.pftrace").toString()),
                    List.of("export", file, "-o", dir.resolve("train.json.gz").toString()),
                    List.of("info", file))) {
                CommandLine cl = Cli.newCommandLine(sink, sink);
                int rc = cl.execute(args.toArray(String[]::new));
                if (rc != 0) {
                    spec.commandLine().getErr().println("trace train: `trace " + String.join(" ", args) + "` exited with " + rc);
                    return rc;
                }
            }
            return 0;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
