package dev.vtrace.samples;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a class of this module in a fresh JVM (the test's own {@code java}, the module's classes on
 * the class path), as the cli and the recorder's tests will: samples need their own JVM options and a
 * scheduler of their own.
 */
final class ChildJvm {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** What the child did; {@link #values()} are its stdout's {@code key=value} lines. */
    record Result(List<String> command, int exitStatus, String stdout, String stderr, Duration elapsed) {

        Map<String, String> values() {
            return Report.parse(stdout);
        }

        long longValue(String key) {
            String text = values().get(key);
            if (text == null) {
                throw new AssertionError("no '" + key + "=' line in the output of " + command + ":\n" + stdout);
            }
            return Long.parseLong(text);
        }

        double doubleValue(String key) {
            String text = values().get(key);
            if (text == null) {
                throw new AssertionError("no '" + key + "=' line in the output of " + command + ":\n" + stdout);
            }
            return Double.parseDouble(text);
        }

        /** For assertion messages. */
        String describe() {
            return command + " exited " + exitStatus + " after " + elapsed.toMillis() + " ms\n--- stdout\n"
                    + stdout + "--- stderr\n" + stderr;
        }
    }

    private ChildJvm() {
    }

    /** Runs {@code sample} at its small size with its JVM options, plus {@code extraArgs}. */
    static Result runSmall(String sampleName, String... extraArgs) throws Exception {
        Sample sample = Samples.byName(sampleName).orElseThrow(() -> new AssertionError("no sample " + sampleName));
        List<String> args = new ArrayList<>(sample.smallArgs());
        args.addAll(List.of(extraArgs));
        return run(sample.jvmOptions(), sample.mainClass(), args);
    }

    static Result run(List<String> jvmOptions, String mainClass, List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ParallelismSweep.javaExecutable());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(moduleClasses());
        command.add(mainClass);
        command.addAll(args);

        long start = System.nanoTime();
        Process child = new ProcessBuilder(command).start();
        child.getOutputStream().close();
        CompletableFuture<String> stdout = readAsync(child.getInputStream());
        CompletableFuture<String> stderr = readAsync(child.getErrorStream());
        if (!child.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            child.destroyForcibly().waitFor();
            throw new AssertionError(command + " did not end within " + TIMEOUT + "; stdout so far:\n"
                    + stdout.getNow("") + "\nstderr:\n" + stderr.getNow(""));
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return new Result(command, child.exitValue(), stdout.get(), stderr.get(), elapsed);
    }

    private static CompletableFuture<String> readAsync(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "<unreadable: " + e + ">";
            }
        }, r -> Thread.ofVirtual().start(r));
    }

    /** Where this module's main classes are: target/classes during the build. */
    private static String moduleClasses() throws URISyntaxException {
        return Path.of(Sample.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
