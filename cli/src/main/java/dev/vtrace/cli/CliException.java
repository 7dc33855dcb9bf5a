package dev.vtrace.cli;

import java.io.Serial;

/**
 * A failure to report to the user as one line on stderr, with the exit code it ends the process
 * with.
 *
 * <p>Write the message for a Java engineer in a hurry: what went wrong, quoting the offending
 * value, then the next step. For example: {@code "no trace at 'app.trace'; record one first: trace
 * record -o app.trace -- java -jar app.jar"}. It is printed as is after {@code "trace: "}; the
 * stack trace (and the cause's) only with {@code --verbose}.
 */
public final class CliException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  private final int exitCode;

  /**
   * @param exitCode one of {@link ExitCodes}, not {@link ExitCodes#OK}
   * @param message what went wrong and what to do next; not null
   */
  public CliException(int exitCode, String message) {
    this(exitCode, message, null);
  }

  /**
   * @param exitCode one of {@link ExitCodes}, not {@link ExitCodes#OK}
   * @param message what went wrong and what to do next; not null
   * @param cause the underlying exception, shown with {@code --verbose}; may be null
   */
  public CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    if (exitCode <= ExitCodes.OK || exitCode > ExitCodes.INTERNAL_ERROR) {
      throw new IllegalArgumentException("exit code must be 1..4, got " + exitCode);
    }
    this.exitCode = exitCode;
  }

  /** Bad input from the user: a wrong value, a file that is not a trace. Exit code 2. */
  public static CliException invalidInput(String message) {
    return new CliException(ExitCodes.INVALID_INPUT, message);
  }

  /** The command ran and failed. Exit code 1. */
  public static CliException failure(String message, Throwable cause) {
    return new CliException(ExitCodes.FAILURE, message, cause);
  }

  /** Valid input, but the state found was not the one expected. Exit code 3. */
  public static CliException unexpectedState(String message) {
    return new CliException(ExitCodes.UNEXPECTED_STATE, message);
  }

  /** The process exit code this failure ends with; one of {@link ExitCodes}, never 0. */
  public int exitCode() {
    return exitCode;
  }
}
