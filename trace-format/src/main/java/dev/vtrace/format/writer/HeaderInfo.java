package dev.vtrace.format.writer;

/**
 * What the recorder knows when a trace starts; written as the {@code TraceHeader} message
 * (trace-format/src/main/proto/vtrace_meta.proto). Strings may be empty, never null.
 *
 * @param epochNanoTime {@code System.nanoTime()} at the epoch; event timestamps are ns after it
 * @param epochUnixNanos wall-clock time of the epoch, ns since 1970
 */
public record HeaderInfo(
        long epochNanoTime,
        long epochUnixNanos,
        String jvmVersion,
        String jvmVendor,
        long pid,
        String commandLine,
        String recorderVersion,
        String hostName,
        int availableProcessors,
        int schedulerParallelism,
        String options) {}
