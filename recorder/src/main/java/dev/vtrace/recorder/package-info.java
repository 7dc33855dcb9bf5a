/**
 * The vtrace recorder: a {@code -javaagent} that records every virtual thread's life in Go's
 * execution-tracer vocabulary and writes it to a {@code trace.bin} file.
 *
 * <p>This package owns only the agent entry point ({@link dev.vtrace.recorder.Agent}). Everything
 * else — the bytecode hooks on {@code java.lang.VirtualThread} and its neighbours, the per-carrier
 * event buffers, the background writer, option parsing, GC and JFR listeners — lives in
 * {@code dev.vtrace.recorder.internal} and is not an API. The application-facing annotation API
 * is the tiny {@link dev.vtrace.Trace} class, in the same jar.
 *
 * <p>The whole jar is put on the boot class path of the recorded JVM, so it depends on nothing but
 * the JDK and trace-format's writer half. See docs/recorder.md for the hook points and the buffer
 * design.
 */
package dev.vtrace.recorder;
