package dev.vtrace.recorder;

import java.lang.instrument.Instrumentation;
import java.util.jar.JarFile;

/**
 * The {@code -javaagent} entry point: {@code -javaagent:vtrace-agent.jar=file=trace.bin,stacks=create}.
 *
 * <p>Options (all optional, comma-separated):
 * <pre>
 * file=trace.bin     where the trace is written
 * stacks=none        none | create (GoCreate carries the creation stack) | block (also parks) | all
 * buffer=64m         memory cap for event buffers; beyond it events are dropped and counted
 * flush=1s           longest time an event waits in memory (10ms..1s): what kill -9 can lose
 * compress=true      DEFLATE the frames (on the writer thread)
 * </pre>
 *
 * <p>The agent never stops the application: on a JDK it does not know, bad options or any
 * start-up failure it prints one line starting with {@code vtrace:} to stderr and the
 * application runs untraced. This class is compiled for Java 8 so that even an old JVM that
 * the agent reaches (through {@code JDK_JAVA_OPTIONS} in a script) can load it and be told so.
 */
public final class Agent {
    private Agent() {}

    public static void premain(String args, Instrumentation inst) {
        start(args, inst);
    }

    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst);
    }

    /** The oldest JDK whose virtual-thread internals the hooks know. */
    private static final int MIN_FEATURE = 25;

    private static void start(String args, Instrumentation inst) {
        int feature = feature(System.getProperty("java.specification.version", "0"));
        if (feature < MIN_FEATURE) {
            System.err.println("vtrace: this JVM is Java " + System.getProperty("java.specification.version")
                    + "; the recorder needs JDK " + MIN_FEATURE + " or newer. Running untraced.");
            return;
        }
        try {
            if (Agent.class.getClassLoader() != null) {
                // The manifest's Boot-Class-Path did not apply (the jar was renamed or moved):
                // put this jar on the boot class path ourselves; the hooks must live there.
                String jar = Agent.class.getProtectionDomain().getCodeSource().getLocation().getPath();
                inst.appendToBootstrapClassLoaderSearch(new JarFile(jar));
            }
            Class<?> boot = Class.forName("dev.vtrace.recorder.internal.Bootstrap", true, null);
            boot.getMethod("start", String.class, Instrumentation.class).invoke(null, args, inst);
        } catch (Throwable t) {
            System.err.println("vtrace: agent failed to start (" + t + "); running untraced");
        }
    }

    /** "1.8" → 8, "17" → 17, "25" → 25; 0 when unreadable. */
    static int feature(String spec) {
        try {
            String s = spec.startsWith("1.") ? spec.substring(2) : spec;
            int dot = s.indexOf('.');
            return Integer.parseInt(dot < 0 ? s : s.substring(0, dot));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
