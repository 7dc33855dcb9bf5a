/**
 * The exporters' internals: {@link dev.vtrace.export.internal.Timeline} maps the analyzer's stream
 * to tracks, slices, instants, flows and counters (format-neutral, with the time window and thread
 * filters applied); a {@link dev.vtrace.export.internal.Sink} writes them in one format
 * ({@link dev.vtrace.export.internal.PerfettoSink}, {@link dev.vtrace.export.internal.JsonSink}).
 * Not API.
 */
package dev.vtrace.export.internal;
