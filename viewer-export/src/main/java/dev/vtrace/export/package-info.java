/**
 * Exports a vtrace trace for the Perfetto UI: {@link dev.vtrace.export.PerfettoExporter} writes
 * Perfetto's native protobuf ({@code .pftrace}), {@link dev.vtrace.export.ChromeJsonExporter} the
 * Chrome Trace Event Format ({@code .json}, {@code .json.gz}); {@link dev.vtrace.export.Exporters}
 * picks one from a file name.
 *
 * <p>Both are {@link dev.vtrace.analyzer.TraceConsumer}s: run them on the analyzer's ordered
 * stream ({@code OrderedStream.run(trace, exporter)}), then {@link
 * dev.vtrace.export.Exporter#close()}. They write as the stream goes and keep only per-thread
 * state (open slices, names), never the trace. Both map the stream to the same timeline (see
 * docs/export.md): one track per carrier, one per virtual thread with its states, flows from waker
 * to woken and creator to created, thread-count and heap counters, GC, user tasks, regions and logs.
 *
 * <p>Everything in {@code dev.vtrace.export.internal} may change without notice.
 */
package dev.vtrace.export;
