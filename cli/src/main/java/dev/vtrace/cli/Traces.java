package dev.vtrace.cli;

import dev.vtrace.format.reader.TraceFormatException;
import dev.vtrace.format.reader.TraceReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens trace files for commands, turning the usual mistakes into one-line user errors. */
final class Traces {
    private Traces() {}

    static TraceReader open(Path trace) throws IOException {
        if (!Files.exists(trace)) {
            throw new CliException(ExitCodes.INVALID_INPUT, "no such file: " + trace
                    + " (record one with: trace record -o " + trace + " -- java -jar app.jar)");
        }
        if (Files.isDirectory(trace)) {
            throw new CliException(ExitCodes.INVALID_INPUT, trace + " is a directory, not a trace file");
        }
        try {
            return TraceReader.open(trace);
        } catch (TraceFormatException e) {
            throw new CliException(ExitCodes.INVALID_INPUT, trace + ": " + e.getMessage());
        }
    }
}
