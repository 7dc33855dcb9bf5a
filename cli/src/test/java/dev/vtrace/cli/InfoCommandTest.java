package dev.vtrace.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.vtrace.format.BlockReason;
import dev.vtrace.format.EventType;
import dev.vtrace.format.writer.EventBuffer;
import dev.vtrace.format.writer.FooterInfo;
import dev.vtrace.format.writer.HeaderInfo;
import dev.vtrace.format.writer.StackTable;
import dev.vtrace.format.writer.StringTable;
import dev.vtrace.format.writer.TraceFileWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trace info} on real files: a sound one, a cut one, and files that are not traces. */
class InfoCommandTest {
    @TempDir
    Path dir;


    /** Two goroutines sleep once each; 1000 batches of those to make the file multi-frame. */
    static Path writeTrace(Path file, boolean footer) throws IOException {
        StringTable strings = new StringTable();
        try (OutputStream os = Files.newOutputStream(file);
                TraceFileWriter w = new TraceFileWriter(os, true, strings, new StackTable(strings))) {
            w.writeHeader(new HeaderInfo(0, 1_700_000_000_000_000_000L, "25.0.3", "Temurin", 77, "java -jar app.jar",
                    "0.1.0", "host", 2, 2, "stacks=none"));
            EventBuffer b = new EventBuffer(1024);
            long ts = 0;
            for (int i = 0; i < 1000; i++) {
                b.reset(5, 0);
                for (long g = 100; g < 102; g++) {
                    b.event4(EventType.GO_CREATE, ts += 10, g, 1, 0, 0);
                    b.event2(EventType.GO_START, ts += 10, g, 1);
                    b.event4(EventType.GO_BLOCK, ts += 10, g, BlockReason.SLEEP.code(), 0, 0);
                }
                w.writeBatch(b);
            }
            if (footer) {
                w.writeFooter(new FooterInfo(ts, 6000, 0, 1000, 0, "exit"));
            }
        }
        return file;
    }

    @Test
    void summarizesASoundTrace() throws IOException {
        Path t = writeTrace(dir.resolve("t.bin"), true);
        CliRun.Result r = CliRun.run("info", t.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("25.0.3 (Temurin), pid 77"), r.out());
        assertTrue(r.out().matches("(?s).*GO_CREATE\\s+2,000\\n.*"), r.out());
        assertTrue(r.out().matches("(?s).*events\\s+6,000 in 1,000 batches.*"), r.out());
        assertTrue(r.out().contains("cleanly (exit)"), r.out());
        assertTrue(r.out().contains("damage         none"), r.out());
    }

    @Test
    void reportsACutTraceAndKeepsWhatCameBefore() throws IOException {
        Path t = writeTrace(dir.resolve("t.bin"), true);
        byte[] all = Files.readAllBytes(t);
        Files.write(t, java.util.Arrays.copyOf(all, all.length / 2));
        CliRun.Result r = CliRun.run("info", t.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("without a footer"), r.out());
        assertTrue(r.out().contains("cut short"), r.out());
        assertTrue(r.out().contains("1 place(s)"), r.out());
    }

    @Test
    void rejectsWhatIsNotATraceInOneLine() throws IOException {
        Path junk = Files.writeString(dir.resolve("notes.txt"), "hello");
        CliRun.Result r = CliRun.run("info", junk.toString());
        assertEquals(ExitCodes.INVALID_INPUT, r.code());
        assertTrue(r.err().contains("not a vtrace file"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());

        r = CliRun.run("info", dir.resolve("missing.bin").toString());
        assertEquals(ExitCodes.INVALID_INPUT, r.code());
        assertTrue(r.err().contains("no such file"), r.err());
    }
}
