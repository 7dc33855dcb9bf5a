/**
 * The analyzer owns what a trace means: {@link dev.vtrace.analyzer.OrderedStream} merges the
 * per-thread batches into one time-ordered stream and runs the per-goroutine and per-P state
 * machines, handing {@link dev.vtrace.analyzer.GTransition}s and
 * {@link dev.vtrace.analyzer.PTransition}s to {@link dev.vtrace.analyzer.TraceConsumer}s in one
 * streaming pass; {@link dev.vtrace.analyzer.Analysis} turns them into latencies, block reasons,
 * the goroutine analysis and diagnoses ({@link dev.vtrace.analyzer.Report}), which
 * {@link dev.vtrace.analyzer.ReportWriter} prints as text, JSON or HTML;
 * {@link dev.vtrace.analyzer.GoroutineHistory} tells one thread's life. Exporters reuse the
 * stream. Bookkeeping classes live in {@code internal}.
 */
package dev.vtrace.analyzer;
