package dev.vtrace.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The root command, {@code trace}. It only holds the global options and the list of subcommands;
 * run without one it prints its usage to stderr and exits with {@link ExitCodes#INVALID_INPUT}.
 */
@Command(
    name = "trace",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    // One class per subcommand. Add yours here, and to a group in CommandGroups.GROUPS.
    subcommands = {
      HelpCommand.class,
      InfoCommand.class,
      RecordCommand.class,
      AnalyzeCommand.class,
      ExportCommand.class,
      GoroutineCommand.class,
      SamplesCommand.class,
      DemoCommand.class,
      TrainCommand.class,
    },
    // Keep every line within 80 columns: picocli wraps longer ones mid-table.
    description = {
      "vtrace is Go's execution tracer for Java virtual threads: it records when each",
      "virtual thread is created, runs, parks, wakes and ends, and why it waited.",
      "",
      "Typical flow:",
      "  1. trace record -o trace.bin -- java -jar app.jar  run your app, recording",
      "  2. trace analyze trace.bin                         latencies, why it waited",
      "  3. trace export trace.bin -o trace.pftrace         convert for Perfetto",
      "  4. open https://ui.perfetto.dev and load trace.pftrace",
    },
    optionListHeading = "%nOptions:%n",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ok",
      "1:the command failed (the traced program failed, a file could not be written)",
      "2:invalid input: unknown command or option, bad value, not a trace file",
      "3:unexpected state: a trace cut short, a JDK the recorder does not know",
      "4:internal error: a vtrace bug; rerun with --verbose and report it",
    },
    footer = {"", "Run 'trace help COMMAND' for what a command does and its options."})
public final class TraceCommand implements Callable<Integer> {
  /** The global option that turns one-line errors into full stack traces. */
  static final String VERBOSE = "--verbose";

  @Spec CommandSpec spec;

  @Option(
      names = VERBOSE,
      scope = ScopeType.INHERIT,
      description = "On errors, print the stack trace, not only the one-line message.")
  boolean verbose;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.INVALID_INPUT;
  }
}
