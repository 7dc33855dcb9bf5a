package dev.vtrace.cli;

import picocli.CommandLine.IVersionProvider;

/**
 * {@code trace --version}: the vtrace version from the jar manifest, and the JDK running it.
 *
 * <pre>
 * vtrace 0.1.0-SNAPSHOT
 * JDK 25.0.3+9-LTS (Temurin-25.0.3+9) at /usr/lib/jvm/temurin-25-jdk-amd64
 * </pre>
 */
final class VersionProvider implements IVersionProvider {
  /** Shown instead of a version when not running from {@code trace-cli.jar} (IDE, tests). */
  static final String UNKNOWN_VERSION = "(development build: no jar manifest)";

  @Override
  public String[] getVersion() {
    String version = TraceCommand.class.getPackage().getImplementationVersion();
    String vendor = System.getProperty("java.vendor.version", System.getProperty("java.vendor"));
    return new String[] {
      "vtrace " + (version != null ? version : UNKNOWN_VERSION),
      "JDK " + Runtime.version() + " (" + vendor + ") at " + System.getProperty("java.home"),
    };
  }
}
