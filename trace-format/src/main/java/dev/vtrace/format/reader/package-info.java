/**
 * The streaming reader of trace.bin: {@link dev.vtrace.format.reader.TraceReader} yields intact
 * frames and records damage, {@link dev.vtrace.format.reader.EventBatch} decodes events,
 * {@link dev.vtrace.format.reader.TraceIndex} keeps everything but the events in one pass.
 * Bad input surfaces as {@link dev.vtrace.format.reader.Damage} entries or
 * {@link dev.vtrace.format.reader.TraceFormatException}; nothing else escapes.
 */
package dev.vtrace.format.reader;
