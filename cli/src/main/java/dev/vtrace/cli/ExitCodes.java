package dev.vtrace.cli;

/**
 * Process exit codes of {@code trace}, the same for every subcommand (jbang's convention).
 *
 * <p>Scripts may rely on these; do not renumber.
 */
public final class ExitCodes {
  /** The command did what was asked. */
  public static final int OK = 0;

  /** The command ran and failed: the recorded application failed, a file could not be written. */
  public static final int FAILURE = 1;

  /** The command line or an input was wrong: unknown command or option, bad value, not a trace. */
  public static final int INVALID_INPUT = 2;

  /** The inputs were valid but the world was not as expected: a trace cut short, a JDK the recorder does not know. */
  public static final int UNEXPECTED_STATE = 3;

  /** A vtrace bug: an exception nobody anticipated. */
  public static final int INTERNAL_ERROR = 4;

  private ExitCodes() {}
}
