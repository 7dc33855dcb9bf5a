package dev.vtrace.cli;

import dev.vtrace.format.reader.Frame;
import dev.vtrace.format.reader.TraceReader;
import dev.vtrace.format.writer.StackTable;
import dev.vtrace.format.writer.StringTable;
import dev.vtrace.format.writer.TraceFileWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Compresses a finished raw trace in place, frame by frame (DEFLATE, as the agent's
 * {@code compress=true} would have).
 *
 * <p>Why after the fact: compressing inside the recorded JVM costs its writer thread about as
 * much CPU per event as recording the event (docs/recorder.md), CPU the application wants. Once
 * the JVM has exited, the same bytes cost nobody anything. A trace that is damaged or cut off is
 * left exactly as it is: it is evidence, and a rewrite would drop its damaged parts.
 */
final class TraceCompression {
    private TraceCompression() {}

    /** What happened to the file. */
    enum Outcome {
        COMPRESSED,
        ALREADY_COMPRESSED,
        LEFT_RAW_DAMAGED
    }

    static Outcome compressInPlace(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".compressing");
        boolean done = false;
        try (TraceReader r = TraceReader.open(file);
                TraceFileWriter w = new TraceFileWriter(
                        new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16), true, new StringTable(),
                        new StackTable(new StringTable()))) {
            for (Frame f; (f = r.next()) != null; ) {
                if (f.compressed()) {
                    return Outcome.ALREADY_COMPRESSED;
                }
                w.copyFrame(f.kind(), f.payload(), 0, f.length());
            }
            if (!r.damage().isEmpty() || r.truncated()) {
                return Outcome.LEFT_RAW_DAMAGED;
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return Outcome.COMPRESSED;
    }
}
