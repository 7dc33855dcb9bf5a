package dev.vtrace.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the agent jar: -Dvtrace.agent (set by bin/trace), else beside the vtrace checkout. */
final class Agents {
    private Agents() {}

    static Path locate() {
        String prop = System.getProperty("vtrace.agent");
        if (prop != null && Files.isRegularFile(Path.of(prop))) {
            return Path.of(prop).toAbsolutePath();
        }
        String home = System.getProperty("vtrace.home");
        if (home != null) {
            Path p = Path.of(home, "recorder", "target", "vtrace-agent.jar");
            if (Files.isRegularFile(p)) {
                return p.toAbsolutePath();
            }
        }
        throw new CliException(ExitCodes.UNEXPECTED_STATE, "the agent jar was not found"
                + (prop != null ? " at " + prop : "") + "; build it with: ./mvnw -q package -DskipTests (or run bin/trace)");
    }
}
