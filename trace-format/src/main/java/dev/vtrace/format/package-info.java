/**
 * trace-format owns the vtrace file: the event vocabulary ({@link dev.vtrace.format.EventType}
 * and the reason enums), the constants of trace.bin ({@link dev.vtrace.format.FormatConstants},
 * spec in docs/format.md), the writer half ({@code dev.vtrace.format.writer}: JDK-only, loaded
 * into recorded JVMs) and the streaming reader ({@code dev.vtrace.format.reader}).
 */
package dev.vtrace.format;
