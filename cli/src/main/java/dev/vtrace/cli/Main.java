package dev.vtrace.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import picocli.CommandLine.Help.Ansi;

/** Entry point of {@code trace-cli.jar}: runs the command line and exits with its code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, System.out.charset()), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, System.err.charset()), true);
    int exitCode = Cli.newCommandLine(out, err, Ansi.AUTO).execute(args);
    out.flush();
    err.flush();
    System.exit(exitCode);
  }
}
