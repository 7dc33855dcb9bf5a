/**
 * The writer half of trace.bin. It runs inside recorded JVMs (the agent carries it on the boot
 * class path), so it uses only the JDK: {@link dev.vtrace.format.writer.EventBuffer} is the
 * allocation-free hot-path encoder, {@link dev.vtrace.format.writer.TraceFileWriter} frames and
 * writes on one background thread.
 */
package dev.vtrace.format.writer;
