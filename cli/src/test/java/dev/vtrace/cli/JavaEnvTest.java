package dev.vtrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code scripts/java-env.sh} with bash, as every vtrace script does, against fake JDK homes
 * (a {@code release} file and executable {@code bin/java}, {@code bin/javac}) and the real ones.
 */
class JavaEnvTest {
  static final Path REPO = Path.of(System.getProperty("vtrace.repoRoot", "..")).toAbsolutePath().normalize();
  static final Path SCRIPT = REPO.resolve("scripts/java-env.sh");
  static final String NONE_FOUND =
      "vtrace needs JDK 25 or newer; none found in JAVA_HOME or /usr/lib/jvm."
          + " Install one (e.g. apt-get install temurin-25-jdk) or set JAVA_HOME.\n";
  static final Path SYSTEM_JDK_17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");

  @TempDir Path tmp;

  record Run(int exitCode, String out, String err) {}

  /** bash -c script with the given environment changes; a null value removes the variable. */
  private Run bash(String script, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).directory(REPO.toFile());
    pb.environment().remove("JAVA_HOME");
    pb.environment().remove("VTRACE_JDK_SEARCH_DIRS");
    env.forEach((k, v) -> {
      if (v == null) {
        pb.environment().remove(k);
      } else {
        pb.environment().put(k, v);
      }
    });
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Path out = tmp.resolve("out.txt");
    Path err = tmp.resolve("err.txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "java-env.sh hung");
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private Run javaEnv(Map<String, String> env) throws Exception {
    return bash("bash scripts/java-env.sh", env);
  }

  private Path fakeJdk(String name, String javaVersion, boolean withJavac) throws IOException {
    Path home = tmp.resolve("jvms").resolve(name);
    Files.createDirectories(home.resolve("bin"));
    Files.writeString(home.resolve("release"),
        "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + javaVersion + "\"\nMODULES=\"java.base\"\n");
    for (String tool : withJavac ? List.of("java", "javac") : List.of("java")) {
      Path bin = home.resolve("bin").resolve(tool);
      Files.writeString(bin, "#!/bin/sh\nexit 0\n");
      Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return home;
  }

  private Path fakeJdk(String name, String javaVersion) throws IOException {
    return fakeJdk(name, javaVersion, true);
  }

  @Test
  void skipsAJavaHomeOlderThan25AndFindsTheLowest25PlusInTheSearchPath() throws Exception {
    Path jdk17 = fakeJdk("jdk-17", "17.0.2");
    fakeJdk("jdk-26", "26-ea");
    Path jdk25 = fakeJdk("jdk-25", "25.0.1");
    fakeJdk("jre-25", "25.0.3", false); // no javac: not a JDK
    Run r = javaEnv(Map.of("JAVA_HOME", jdk17.toString(),
        "VTRACE_JDK_SEARCH_DIRS", "/nonexistent/*:" + tmp.resolve("jvms") + "/*"));
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(jdk25 + "\n", r.out());
    assertEquals("", r.err());
  }

  @Test
  void honoursAJavaHomeThatIs25OrNewer() throws Exception {
    fakeJdk("jdk-25", "25.0.1");
    Path jdk26 = fakeJdk("jdk-26", "26-ea");
    Run r = javaEnv(Map.of("JAVA_HOME", jdk26.toString(),
        "VTRACE_JDK_SEARCH_DIRS", tmp.resolve("jvms") + "/*"));
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(jdk26 + "\n", r.out());
  }

  @Test
  void withNothingToFindFailsWithOneLineAndExit1() throws Exception {
    Path jdk17 = fakeJdk("jdk-17", "17.0.2");
    Run r = javaEnv(Map.of("JAVA_HOME", jdk17.toString(), "VTRACE_JDK_SEARCH_DIRS", ""));
    assertEquals(1, r.exitCode(), r.toString());
    assertEquals("", r.out());
    assertEquals(NONE_FOUND, r.err());
  }

  @Test
  void sourcingExportsJavaHomeAndPutsItFirstOnPath() throws Exception {
    Path jdk25 = fakeJdk("jdk-25", "25.0.1");
    Run r = bash(". scripts/java-env.sh && echo \"$JAVA_HOME\" && command -v java && bash -c 'echo $JAVA_HOME'",
        Map.of("VTRACE_JDK_SEARCH_DIRS", jdk25.toString()));
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(jdk25 + "\n" + jdk25.resolve("bin/java") + "\n" + jdk25 + "\n", r.out());
  }

  @Test
  void sourcingStopsTheCallingScriptWhenNoneFound() throws Exception {
    Run r = bash(". scripts/java-env.sh; echo still running", Map.of("VTRACE_JDK_SEARCH_DIRS", ""));
    assertEquals(1, r.exitCode(), r.toString());
    assertEquals("", r.out());
    assertEquals(NONE_FOUND, r.err());
  }

  /** The real machine: JAVA_HOME at the system JDK 17, default search, still lands on a 25+. */
  @Test
  void realSystemJdk17InJavaHomeStillFindsA25() throws Exception {
    assumeTrue(Files.isDirectory(SYSTEM_JDK_17), SYSTEM_JDK_17 + " not installed");
    assumeTrue(hasJdk25InUsrLibJvm(), "no JDK 25+ under /usr/lib/jvm");
    Run r = javaEnv(Map.of("JAVA_HOME", SYSTEM_JDK_17.toString()));
    assertEquals(0, r.exitCode(), r.toString());
    Path found = Path.of(r.out().strip());
    String release = Files.readString(found.resolve("release"), StandardCharsets.UTF_8);
    int feature = Integer.parseInt(release.replaceAll("(?s).*JAVA_VERSION=\"(\\d+).*", "$1"));
    assertTrue(feature >= 25, "found JDK " + feature + " at " + found);
  }

  private static boolean hasJdk25InUsrLibJvm() throws IOException {
    Path dir = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> homes = Files.list(dir)) {
      return homes.anyMatch(h -> {
        try {
          String release = Files.readString(h.resolve("release"));
          return Integer.parseInt(release.replaceAll("(?s).*JAVA_VERSION=\"(\\d+).*", "$1")) >= 25;
        } catch (IOException | NumberFormatException e) {
          return false;
        }
      });
    }
  }
}
