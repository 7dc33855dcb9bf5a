package dev.vtrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The launcher's startup-cache training run: all its commands succeed, nothing is left behind, and users do not see it. */
class TrainCommandTest {
    @Test
    void runsTheCommandsOnASyntheticTraceAndCleansUp() throws IOException {
        long before = trainDirs();
        CliRun.Result r = CliRun.run("train", "--events", "40000");
        assertEquals(0, r.code(), r.err());
        assertEquals(before, trainDirs(), "the temporary directory is removed");
    }

    @Test
    void isNotInTheCommandList() {
        CliRun.Result r = CliRun.run("--help");
        String help = r.out() + r.err();
        assertTrue(help.contains("analyze"), help);
        assertFalse(help.contains("train"), help);
    }

    private static long trainDirs() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("vtrace-train")).count();
        }
    }
}
