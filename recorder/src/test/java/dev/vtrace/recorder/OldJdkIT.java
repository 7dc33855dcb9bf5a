package dev.vtrace.recorder;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM older than 25 that the agent reaches (a script run by {@code trace record} passes it in
 * JDK_JAVA_OPTIONS) must run untraced, not abort: before the entry class was compiled for Java
 * 8, JDK 17 died with exit 134 on UnsupportedClassVersionError.
 */
class OldJdkIT {
    @TempDir
    Path dir;

    /** The machines' default JDK; other old JDKs can be named with -Dvtrace.oldJava. */
    static Path oldJava() {
        String p = System.getProperty("vtrace.oldJava", "/usr/lib/jvm/java-17-openjdk-amd64/bin/java");
        return Path.of(p);
    }

    @Test
    void anOldJvmRunsUntracedWithOneLineOfExplanation() throws Exception {
        assumeTrue(Files.isExecutable(oldJava()), "no JDK 17 at " + oldJava() + " on this machine");
        AgentRunner.Run r = AgentRunner.run(List.of(oldJava().toString(),
                "-javaagent:" + AgentRunner.agentJar() + "=file=" + dir.resolve("t.bin"), "-version"), dir);
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stderr().startsWith("vtrace: this JVM is Java 17; the recorder needs JDK 25 or newer."),
                r.stderr());
        assertFalse(Files.exists(dir.resolve("t.bin")), "no trace from an untraced JVM");
    }
}
