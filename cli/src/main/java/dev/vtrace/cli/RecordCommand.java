package dev.vtrace.cli;

import dev.vtrace.format.reader.TraceIndex;
import dev.vtrace.format.reader.TraceReader;
import dev.vtrace.samples.Sample;
import dev.vtrace.samples.Samples;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trace record}: run a JVM command with the agent and report what was recorded. */
@Command(
        name = "record",
        mixinStandardHelpOptions = true,
        header = "Run a JVM command with the agent and write its trace.",
        sortOptions = false,
        description = {
            "",
            "A `java ...` command gets -javaagent inserted. Any other command (a script,",
            "mvn, gradle) reaches the JVMs it starts through JDK_JAVA_OPTIONS (the java",
            "launcher then prints a NOTE line). stdin, stdout, stderr and the exit code",
            "are the command's own. JVMs older than 25 run untraced, with one line.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  trace record -- java -jar app.jar",
            "  trace record -o server.bin --stacks=all -- ./run-server.sh",
            "  trace record --sample web-api-leak",
            "",
            "Then: trace analyze trace.bin, or trace export trace.bin -o trace.pftrace"
        })
public final class RecordCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Trace file to write (default: ${DEFAULT-VALUE}).")
    Path output = Path.of("trace.bin");

    @Option(names = "--stacks", paramLabel = "WHEN",
            description = "Record stacks: none, create, block or all (default: the agent's, see docs/recorder.md).")
    String stacks;

    @Option(names = "--buffer", paramLabel = "SIZE",
            description = "Memory for event buffers, e.g. 64m; events beyond it are dropped and counted.")
    String buffer;

    @Option(names = "--compress", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Compress the trace after the command exits (not while it runs:"
                    + " that would cost the application CPU). Default: on.")
    boolean compress = true;

    @Option(names = "--agent-options", paramLabel = "OPTS",
            description = "More agent options, comma-separated (see docs/recorder.md).")
    String agentOptions;

    @Option(names = "--sample", paramLabel = "NAME",
            description = "Record a built-in sample workload instead of a command (list: trace samples).")
    String sample;

    @Parameters(paramLabel = "COMMAND", arity = "0..*",
            description = "The command to run, after `--`.")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Path agent = Agents.locate();
        Path out = output.toAbsolutePath();
        List<String> cmd = sample != null ? sampleCommand(sample, command) : command;
        if (cmd.isEmpty()) {
            throw new CliException(ExitCodes.INVALID_INPUT,
                    "nothing to record: give a command after `--` (trace record -- java -jar app.jar) or --sample NAME");
        }
        Files.deleteIfExists(out);
        String opts = agentOptions(out);
        ProcessBuilder pb = new ProcessBuilder(withAgent(cmd, agent, opts)).inheritIO();
        if (!isJavaLauncher(cmd.get(0))) {
            String prev = System.getenv("JDK_JAVA_OPTIONS");
            pb.environment().put("JDK_JAVA_OPTIONS",
                    (prev == null || prev.isBlank() ? "" : prev + " ") + "-javaagent:" + agent + "=" + opts);
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new CliException(ExitCodes.INVALID_INPUT, "cannot run " + cmd.get(0) + ": " + e.getMessage());
        }
        int exit = waitFor(p);
        if (compress) {
            compress(err, out);
        }
        summarize(err, out);
        return exit;
    }

    /** Waits for the child; Ctrl-C reaches it through the terminal, so only the wait is interrupted. */
    private static int waitFor(Process p) throws InterruptedException {
        return p.waitFor();
    }

    String agentOptions(Path out) {
        StringBuilder sb = new StringBuilder("file=").append(out);
        if (stacks != null) {
            sb.append(",stacks=").append(stacks);
        }
        if (buffer != null) {
            sb.append(",buffer=").append(buffer);
        }
        if (agentOptions != null && !agentOptions.isBlank()) {
            sb.append(',').append(agentOptions);
        }
        if (sb.indexOf(" ") >= 0) {
            throw new CliException(ExitCodes.INVALID_INPUT,
                    "agent options cannot contain spaces (JDK_JAVA_OPTIONS splits on them): " + sb);
        }
        return sb.toString();
    }

    static boolean isJavaLauncher(String program) {
        String name = Path.of(program).getFileName().toString();
        return name.equals("java") || name.equals("java.exe");
    }

    static List<String> withAgent(List<String> cmd, Path agent, String opts) {
        if (!isJavaLauncher(cmd.get(0))) {
            return cmd;
        }
        List<String> c = new ArrayList<>(cmd.size() + 1);
        c.add(cmd.get(0));
        c.add("-javaagent:" + agent + "=" + opts);
        c.addAll(cmd.subList(1, cmd.size()));
        return c;
    }

    static List<String> sampleCommand(String name, List<String> args) {
        Sample s = Samples.byName(name).orElseThrow(() -> new CliException(ExitCodes.INVALID_INPUT,
                "no sample named '" + name + "'; list them with: trace samples"));
        List<String> c = new ArrayList<>();
        c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        c.addAll(s.jvmOptions());
        c.add("-cp");
        c.add(System.getProperty("java.class.path"));
        c.add("dev.vtrace.samples.SampleMain");
        c.add(s.name());
        c.addAll(args);
        return c;
    }

    private static void compress(PrintWriter err, Path out) {
        try {
            if (!Files.exists(out)) {
                return;
            }
            if (Files.size(out) > (256L << 20)) {
                err.println("vtrace: compressing " + out + " (" + Sizes.format(Files.size(out)) + ")...");
                err.flush();
            }
            if (TraceCompression.compressInPlace(out) == TraceCompression.Outcome.LEFT_RAW_DAMAGED) {
                err.println("vtrace: the trace is damaged or cut off; left uncompressed, as written");
            }
        } catch (IOException e) {
            err.println("vtrace: could not compress " + out + " (" + e.getMessage() + "); it is kept uncompressed");
        }
        err.flush();
    }

    private static void summarize(PrintWriter err, Path out) {
        if (!Files.exists(out)) {
            err.println("vtrace: no trace was written to " + out + ". Did the command start a JDK 25 JVM?"
                    + " (Scripts reach it through JDK_JAVA_OPTIONS; check that it is not cleared.)");
            err.flush();
            return;
        }
        try (TraceReader r = TraceReader.open(out)) {
            TraceIndex ix = TraceIndex.build(r, true);
            long dropped = ix.footer() != null ? ix.footer().getEventsDropped() : ix.droppedInBatches();
            err.printf(Locale.US, "vtrace: %,d events (%,d dropped) → %s (%s)%s%n", ix.totalEvents(), dropped, out,
                    Sizes.format(ix.fileSize()), ix.damage().isEmpty() ? "" : ", " + ix.damage().size() + " damaged place(s)");
            err.printf("Next: trace analyze %s   or   trace export %s -o trace.pftrace%n", out, out);
        } catch (IOException e) {
            err.println("vtrace: the trace " + out + " cannot be read: " + e.getMessage());
        }
        err.flush();
    }
}
