package dev.vtrace.cli;

import java.io.PrintWriter;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.UsageMessageSpec;

/** Builds the {@code trace} command line. The one way to get one, for {@link Main} and for tests. */
public final class Cli {
  private Cli() {}

  /**
   * The {@code trace} command tree writing results to {@code out} and diagnostics to {@code err},
   * without ANSI colors. Call {@link CommandLine#execute} on it; the result is the exit code (see
   * {@link ExitCodes}).
   *
   * @param out where results and requested help go; not null
   * @param err where errors and usage mistakes go; not null
   */
  public static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
    return newCommandLine(out, err, Ansi.OFF);
  }

  /**
   * As {@link #newCommandLine(PrintWriter, PrintWriter)}, with colors per {@code ansi} ({@link
   * Ansi#AUTO}: when writing to a terminal).
   */
  public static CommandLine newCommandLine(PrintWriter out, PrintWriter err, Ansi ansi) {
    CommandLine cl = new CommandLine(new TraceCommand());
    cl.setOut(Objects.requireNonNull(out, "out"));
    cl.setErr(Objects.requireNonNull(err, "err"));
    cl.setColorScheme(Help.defaultColorScheme(ansi));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    ErrorHandler errors = new ErrorHandler();
    cl.setExecutionExceptionHandler(errors);
    cl.setParameterExceptionHandler(errors);
    cl.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING, help -> "");
    cl.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, new CommandGroups());
    return cl;
  }
}
