/**
 * The recorder's machinery; not an API, may change at any time.
 *
 * <ul>
 *   <li>{@link dev.vtrace.recorder.internal.Recorder} — start/stop, global state, event emission.
 *   <li>{@link dev.vtrace.recorder.internal.Hooks} — the static methods the injected bytecode calls.
 *   <li>{@link dev.vtrace.recorder.internal.Slot} — one per platform thread (carrier or not): its
 *       event buffer, guarded by a state word shared with the writer, and its park bookkeeping.
 *   <li>{@link dev.vtrace.recorder.internal.Instrumenter} — the java.lang.classfile transforms and
 *       the start-up shape check.
 *   <li>{@link dev.vtrace.recorder.internal.Writer} — the one background thread that frames
 *       batches into the file.
 * </ul>
 */
package dev.vtrace.recorder.internal;
