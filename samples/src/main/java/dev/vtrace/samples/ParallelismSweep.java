package dev.vtrace.samples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a sample in one child JVM per scheduler parallelism and prints chosen report keys as a table.
 * The child uses this JVM's {@code java} executable and class path and nothing else from its command
 * line, so an agent attached here (the recorder) does not multiply into the children.
 */
final class ParallelismSweep {

    private ParallelismSweep() {
    }

    static void run(Class<?> sample, List<String> sampleArgs, List<Integer> parallelisms, List<String> columns,
                    PrintStream out) throws IOException, InterruptedException {
        out.printf(Locale.US, "%-12s", "parallelism");
        columns.forEach(c -> out.printf(Locale.US, " %16s", c));
        out.println();
        for (int parallelism : parallelisms) {
            Map<String, String> report = Report.parse(runChild(sample, sampleArgs, parallelism));
            out.printf(Locale.US, "%-12d", parallelism);
            columns.forEach(c -> out.printf(Locale.US, " %16s", report.getOrDefault(c, "?")));
            out.println();
        }
    }

    private static String runChild(Class<?> sample, List<String> sampleArgs, int parallelism)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.add("-D" + Carriers.PARALLELISM_PROPERTY + "=" + parallelism);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(sample.getName());
        command.addAll(sampleArgs);
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = child.waitFor();
        if (status != 0) {
            throw new IOException("child JVM " + command + " exited with status " + status);
        }
        return output;
    }

    /** The {@code java} running this JVM, falling back to {@code java.home} where the OS hides it. */
    static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
