package dev.vtrace.recorder.internal;

import dev.vtrace.Trace;
import dev.vtrace.format.EventType;

/** Turns {@link Trace} calls into TaskBegin/TaskEnd/RegionBegin/RegionEnd/Log events. */
final class AnnotationSink implements Trace.Sink {
    private static long g() {
        return Thread.currentThread().threadId();
    }

    private static long str(String s) {
        return Recorder.strings.id(s);
    }

    @Override
    public void taskBegin(long id, long parent, String name) {
        long n = str(name);
        Hooks.emit(EventType.TASK_BEGIN, Recorder.now(), g(), id, parent, n);
    }

    @Override
    public void taskEnd(long id) {
        Hooks.emit(EventType.TASK_END, Recorder.now(), g(), id, 0, 0);
    }

    @Override
    public void regionBegin(long task, String name) {
        long n = str(name);
        Hooks.emit(EventType.REGION_BEGIN, Recorder.now(), g(), task, n, 0);
    }

    @Override
    public void regionEnd(long task, String name) {
        long n = str(name);
        Hooks.emit(EventType.REGION_END, Recorder.now(), g(), task, n, 0);
    }

    @Override
    public void log(long task, String category, String message) {
        long c = str(category);
        long m = str(message);
        Hooks.emit(EventType.LOG, Recorder.now(), g(), task, c, m);
    }
}
