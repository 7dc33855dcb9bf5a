package dev.vtrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi;

/** Runs {@code trace} in-process and checks exit code, stdout and stderr. */
class CliTest {
  record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
    }
  }

  /** Runs {@code trace args} with a hidden test-only {@code boom} subcommand added. */
  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PrintWriter outWriter = new PrintWriter(out);
    PrintWriter errWriter = new PrintWriter(err);
    CommandLine cl = Cli.newCommandLine(outWriter, errWriter);
    cl.addSubcommand("boom", new Boom());
    // Settings reach only the subcommands present when they are made; real ones are declared in
    // TraceCommand, this late one needs them again.
    cl.setOut(outWriter).setErr(errWriter).setColorScheme(Help.defaultColorScheme(Ansi.OFF));
    int code = cl.execute(args);
    return new Result(code, out.toString().replace("\r\n", "\n"), err.toString().replace("\r\n", "\n"));
  }

  /** A test-only subcommand throwing what {@code --what} names. */
  @Command(name = "boom", hidden = true)
  static final class Boom implements Callable<Integer> {
    @CommandLine.Option(names = "--what") String what = "cli";

    @Override
    public Integer call() throws Exception {
      throw switch (what) {
        case "cli" -> CliException.unexpectedState("trace 'x.trace' ends mid-batch at byte 42; re-record it");
        case "io" -> new java.io.FileNotFoundException("x.trace (No such file or directory)");
        default -> new IllegalStateException("invariant violated: G 7 started twice");
      };
    }
  }

  @Test
  void helpTeachesTheFlowOnStdout() {
    Result r = run("--help");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().startsWith("Usage: trace "), r.toString());
    for (String want : new String[] {"virtual threads", "trace record", "trace analyze", "trace export",
        "https://ui.perfetto.dev", "--verbose", "Exit codes:", "help"}) {
      assertTrue(r.out().contains(want), "help lacks '" + want + "':\n" + r);
    }
    assertFalse(r.out().contains("boom"), "hidden command shown:\n" + r);
    assertEquals("", r.err(), r.toString());
  }

  @Test
  void helpFitsIn80ColumnsWithoutMidSentenceWraps() {
    Result r = run("--help");
    for (String line : r.out().split("\n")) {
      assertTrue(line.length() <= 80, "longer than 80 columns: '" + line + "'");
    }
    assertTrue(r.out().contains("\n  4. open https://ui.perfetto.dev and load trace.pftrace\n"), r.toString());
    assertTrue(r.out().contains("\nvirtual thread is created,"), "description re-wrapped:\n" + r);
  }

  @Test
  void helpGroupsCommandsByPurpose() {
    Result r = run("--help");
    assertTrue(r.out().contains("\nHelp:\n  help"), r.toString());
  }

  @Test
  void versionNamesVtraceAndTheJdk() {
    Result r = run("--version");
    assertEquals(0, r.exitCode(), r.toString());
    String[] lines = r.out().split("\n");
    assertEquals(2, lines.length, r.toString());
    assertTrue(lines[0].startsWith("vtrace "), r.toString());
    assertTrue(lines[1].startsWith("JDK " + Runtime.version() + " "), r.toString());
    assertTrue(lines[1].endsWith(System.getProperty("java.home")), r.toString());
  }

  @Test
  void noCommandPrintsUsageToStderrAndExits2() {
    Result r = run();
    assertEquals(ExitCodes.INVALID_INPUT, r.exitCode(), r.toString());
    assertEquals("", r.out(), r.toString());
    assertTrue(r.err().startsWith("Usage: trace "), r.toString());
  }

  @Test
  void unknownCommandExits2WithPicocliMessage() {
    Result r = run("recrod", "app.trace");
    assertEquals(ExitCodes.INVALID_INPUT, r.exitCode(), r.toString());
    assertEquals("", r.out(), r.toString());
    assertTrue(r.err().startsWith("trace: Unmatched arguments from index 0: 'recrod', 'app.trace'\n"), r.toString());
    assertTrue(r.err().endsWith("Run 'trace --help' for usage.\n"), r.toString());
  }

  @Test
  void unknownOptionExits2() {
    Result r = run("--frobnicate");
    assertEquals(ExitCodes.INVALID_INPUT, r.exitCode(), r.toString());
    assertTrue(r.err().startsWith("trace: Unknown option: '--frobnicate'\n"), r.toString());
  }

  @Test
  void unknownOptionOfASubcommandPointsAtItsHelp() {
    Result r = run("boom", "--nope");
    assertEquals(ExitCodes.INVALID_INPUT, r.exitCode(), r.toString());
    assertTrue(r.err().contains("Run 'trace boom --help' for usage."), r.toString());
  }

  @Test
  void cliExceptionIsOneLineWithItsExitCode() {
    Result r = run("boom");
    assertEquals(ExitCodes.UNEXPECTED_STATE, r.exitCode(), r.toString());
    assertEquals("trace: trace 'x.trace' ends mid-batch at byte 42; re-record it\n", r.err());
    assertEquals("", r.out());
  }

  @Test
  void verboseAddsTheStackTraceAtAnyPosition() {
    for (String[] args : new String[][] {{"--verbose", "boom"}, {"boom", "--verbose"}}) {
      Result r = run(args);
      assertEquals(ExitCodes.UNEXPECTED_STATE, r.exitCode(), r.toString());
      assertTrue(r.err().startsWith("trace: trace 'x.trace' ends mid-batch"), r.toString());
      assertTrue(r.err().contains("at dev.vtrace.cli.CliTest$Boom.call"), r.toString());
    }
  }

  @Test
  void uncaughtIoErrorIsAFailure() {
    Result r = run("boom", "--what", "io");
    assertEquals(ExitCodes.FAILURE, r.exitCode(), r.toString());
    assertEquals("trace: I/O error: java.io.FileNotFoundException: x.trace (No such file or directory)\n", r.err());
  }

  @Test
  void unexpectedExceptionIsAnInternalErrorAskingForAReport() {
    Result r = run("boom", "--what", "bug");
    assertEquals(ExitCodes.INTERNAL_ERROR, r.exitCode(), r.toString());
    assertEquals(1, r.err().lines().count(), r.toString());
    assertTrue(r.err().startsWith("trace: internal error: java.lang.IllegalStateException: invariant violated: G 7 started twice;"), r.toString());
    assertTrue(r.err().contains("--verbose"), r.toString());
  }

  @Test
  void exitCodesFollowJbang() {
    assertEquals(0, ExitCodes.OK);
    assertEquals(1, ExitCodes.FAILURE);
    assertEquals(2, ExitCodes.INVALID_INPUT);
    assertEquals(3, ExitCodes.UNEXPECTED_STATE);
    assertEquals(4, ExitCodes.INTERNAL_ERROR);
  }

  /** Every command teaches: --help works on each, within 80 columns, with a one-line header. */
  @Test
  void everyCommandHasHelp() {
    CommandLine root = Cli.newCommandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    for (String name : root.getSubcommands().keySet()) {
      if (name.equals("help")) {
        continue;
      }
      Result r = run(name, "--help");
      assertEquals(0, r.exitCode(), name + " --help: " + r);
      assertTrue(r.out().contains("Usage: trace " + name), name + " --help: " + r);
      for (String line : r.out().split("\n")) {
        assertTrue(line.length() <= 80, name + " --help has a line over 80 columns: " + line);
      }
      assertTrue(root.getSubcommands().get(name).getCommandSpec().usageMessage().header().length > 0,
          name + " has a one-line header for the command list");
    }
  }
}
