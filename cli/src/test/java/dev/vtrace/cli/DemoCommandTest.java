package dev.vtrace.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The newcomer's command: records, analyzes and exports a real sample run. */
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void runsTheWholeFlowAndSaysHowToOpenTheResult() throws IOException {
        CliRun.Result r = CliRun.run("demo", "--dir", dir.toString(), "--", "--requests=40");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.size(dir.resolve("trace.bin")) > 0);
        assertTrue(Files.size(dir.resolve("trace.pftrace")) > 0);
        assertTrue(r.out().contains("leak"), "the analysis shows the leak:\n" + r.out());
        assertTrue(r.err().contains("https://ui.perfetto.dev"), r.err());
        assertTrue(r.err().contains(dir.resolve("trace.pftrace").toAbsolutePath().toString()), r.err());
    }

    @Test
    void anUnknownSampleFailsInOneLine() {
        CliRun.Result r = CliRun.run("demo", "--dir", dir.toString(), "--sample", "nope");
        assertEquals(ExitCodes.FAILURE, r.code());
        assertTrue(r.err().contains("no sample named 'nope'"), r.err());
    }
}
