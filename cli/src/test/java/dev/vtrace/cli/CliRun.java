package dev.vtrace.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@code trace} in-process, as the command-line tests do, capturing both streams. */
final class CliRun {
    private CliRun() {}

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.newCommandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
