package dev.vtrace.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place that turns exceptions into an exit code and a message on stderr.
 *
 * <ul>
 *   <li>Command-line mistakes ({@link ParameterException}): picocli's message, its suggestions
 *       ("Did you mean"), a pointer to {@code --help}; exit 2.
 *   <li>{@link CliException}: its message, its exit code.
 *   <li>{@link IOException} / {@link UncheckedIOException} nobody caught: the I/O message; exit 1.
 *   <li>Anything else is a vtrace bug: the exception and a request to report it; exit 4.
 * </ul>
 *
 * Stack traces only with {@code --verbose}.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
  static final String PREFIX = "trace: ";

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println(cmd.getColorScheme().errorText(PREFIX + ex.getMessage()));
    UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
    if (Arrays.asList(args).contains(TraceCommand.VERBOSE)) {
      ex.printStackTrace(err);
    }
    err.flush();
    return cmd.getCommandSpec().exitCodeOnInvalidInput();
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    int exitCode;
    String message;
    switch (ex) {
      case CliException e -> {
        exitCode = e.exitCode();
        message = e.getMessage();
      }
      case IOException e -> {
        exitCode = ExitCodes.FAILURE;
        message = "I/O error: " + e;
      }
      case UncheckedIOException e -> {
        exitCode = ExitCodes.FAILURE;
        message = "I/O error: " + e.getCause();
      }
      default -> {
        exitCode = ExitCodes.INTERNAL_ERROR;
        message = "internal error: " + ex + "; this is a vtrace bug, please report it with the output of the same command run with " + TraceCommand.VERBOSE;
      }
    }
    PrintWriter err = cmd.getErr();
    err.println(cmd.getColorScheme().errorText(PREFIX + message));
    if (isVerbose(parseResult)) {
      ex.printStackTrace(err);
    }
    err.flush();
    return exitCode;
  }

  /** Whether {@code --verbose} was given at any level of the command line. */
  private static boolean isVerbose(ParseResult parseResult) {
    for (ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
      if (pr.hasMatchedOption(TraceCommand.VERBOSE)) {
        return true;
      }
    }
    return false;
  }
}
