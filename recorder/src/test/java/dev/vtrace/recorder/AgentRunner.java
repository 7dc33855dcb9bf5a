package dev.vtrace.recorder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts a real JVM (the JDK running the tests) on a {@link Workload}, with or without the agent. */
final class AgentRunner {
    record Run(int exitCode, String stdout, String stderr) {}

    static Path agentJar() {
        String p = System.getProperty("vtrace.agentJar", "target/vtrace-agent.jar");
        Path jar = Path.of(p).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("agent jar " + jar + " not built: run ./mvnw verify");
        }
        return jar;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static Path testClasses() throws Exception {
        return Path.of(Workload.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** Builds the command: {@code agentOptions} null runs without the agent. */
    static List<String> command(String agentOptions, List<String> jvmArgs, String... workloadArgs) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        if (agentOptions != null) {
            cmd.add("-javaagent:" + agentJar() + "=" + agentOptions);
        }
        cmd.addAll(jvmArgs);
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-cp");
        // the recorder's classes too, so the annotation API exists without the agent (a no-op)
        cmd.add(testClasses() + java.io.File.pathSeparator
                + Path.of(dev.vtrace.Trace.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        cmd.add(Workload.class.getName());
        cmd.addAll(List.of(workloadArgs));
        return cmd;
    }

    static Run run(List<String> cmd, Path dir) throws Exception {
        Path out = dir.resolve("stdout-" + System.nanoTime());
        Path err = dir.resolve("stderr-" + System.nanoTime());
        Process p = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd + "\nstderr: " + read(err));
        }
        return new Run(p.exitValue(), read(out), read(err));
    }

    static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }
}
