package dev.vtrace.recorder;

import static org.junit.jupiter.api.Assertions.*;

import dev.vtrace.format.EventType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent does not change the application, refuses what it cannot do, and survives kill -9. */
class ProcessBehaviourIT {
    @TempDir
    Path dir;

    @Test
    void stdoutAndExitCodeAreIdenticalWithAndWithoutTheAgent() throws Exception {
        var plain = AgentRunner.run(AgentRunner.command(null, List.of(), "ground", "7"), dir);
        var traced = AgentRunner.run(AgentRunner.command("file=" + dir.resolve("t.bin"), List.of(), "ground", "7"), dir);
        assertEquals(7, plain.exitCode(), plain.stderr());
        assertEquals(plain.exitCode(), traced.exitCode(), "exit code");
        assertEquals(plain.stdout(), traced.stdout(), "stdout");
        assertEquals("", traced.stderr(), "the agent prints nothing when all is well");
    }

    @Test
    void badOptionsPrintOneLineAndRunUntraced() throws Exception {
        var r = AgentRunner.run(AgentRunner.command("stacks=sometimes", List.of(), "ground", "0"), dir);
        assertEquals(0, r.exitCode());
        assertTrue(r.stdout().contains("ground truth done"));
        assertEquals(1, r.stderr().lines().count(), r.stderr());
        assertTrue(r.stderr().startsWith("vtrace: bad agent options: stacks='sometimes'"), r.stderr());
    }

    @Test
    void killDashNineAfterAFlushStillLeavesAReadableTrace() throws Exception {
        Path bin = dir.resolve("killed.bin");
        List<String> cmd = AgentRunner.command("file=" + bin + ",flush=200ms", List.of(), "forever");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            byte[] first = p.getInputStream().readNBytes(8); // "running\n" once main runs
            assertEquals("running\n", new String(first));
            Thread.sleep(1500);
        } finally {
            p.destroyForcibly(); // SIGKILL
            p.waitFor();
        }
        assertTrue(Files.size(bin) > 0);
        RecordedTrace t = RecordedTrace.read(bin);
        assertNull(t.footer, "no footer after kill -9");
        assertTrue(t.count(EventType.GO_CREATE) > 50, "GoCreate events flushed before the kill: " + t.count(EventType.GO_CREATE));
        assertTrue(t.count(EventType.GO_END) > 50);
    }
}
