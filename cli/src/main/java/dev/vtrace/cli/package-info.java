/**
 * The {@code trace} command line: the one program users run to record, analyze and export vtrace
 * traces.
 *
 * <p>This module owns the command tree and nothing below it: argument parsing, usage help, exit
 * codes, and turning failures into one line on stderr. The work itself lives in the other modules
 * (trace-format, recorder, analyzer, viewer-export, samples); a subcommand parses, calls into them,
 * and prints.
 *
 * <ul>
 *   <li>{@link dev.vtrace.cli.Main} is the entry point of {@code cli/target/trace-cli.jar}, which
 *       {@code bin/trace} runs with {@code -Dvtrace.home} (the repository) and {@code
 *       -Dvtrace.agent} (the recorder's agent jar).
 *   <li>{@link dev.vtrace.cli.Cli#newCommandLine} builds the command tree for given writers, so
 *       tests run the CLI in-process and check exit code, stdout and stderr.
 *   <li>{@link dev.vtrace.cli.TraceCommand} is the root; each subcommand is one class, listed in its
 *       {@code subcommands} and placed in a help group in {@code CommandGroups}.
 *   <li>{@link dev.vtrace.cli.ExitCodes}: 0 ok, 1 failure, 2 invalid input, 3 unexpected state, 4
 *       internal error. A subcommand signals a user-facing failure by throwing {@link
 *       dev.vtrace.cli.CliException}; {@code ErrorHandler} is the one place that maps exceptions
 *       to exit codes and messages.
 * </ul>
 *
 * <p>Results go to stdout, diagnostics to stderr.
 */
package dev.vtrace.cli;
