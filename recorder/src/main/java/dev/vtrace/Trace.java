package dev.vtrace;

import java.util.concurrent.atomic.AtomicLong;

/**
 * User annotations for vtrace, Go's {@code runtime/trace} API for the JVM: tasks, regions and
 * logs that appear in the trace beside the scheduler's events.
 *
 * <pre>{@code
 * try (Trace.Task order = Trace.newTask("order")) {
 *     try (Trace.Region r = Trace.region("validate")) { ... }
 *     Trace.log("order", "id=" + id);
 * }
 * }</pre>
 *
 * <p>Without the vtrace agent every method is a no-op that costs one static field read and
 * returns shared constants (no allocation). With the agent, this class is loaded from the agent
 * jar on the boot class path — ahead of the application's own copy — and the recorder switches
 * it on. Tasks nest per thread: a new task's parent is the calling thread's innermost open task,
 * and regions and logs are attributed to it. Close tasks and regions on the thread that opened
 * them, innermost first (try-with-resources does).
 *
 * <p>This class has no dependency beyond the JDK.
 */
public final class Trace {
    private Trace() {}

    /** Set by the recorder when this copy of the class is the one on the boot class path. */
    private static volatile Sink sink;

    /** An open task; {@link #close()} ends it. */
    public static final class Task implements AutoCloseable {
        private final long id;
        private final Task parent;

        private Task(long id, Task parent) {
            this.id = id;
            this.parent = parent;
        }

        /** This task's trace-wide id; 0 when not recording. */
        public long id() {
            return id;
        }

        @Override
        public void close() {
            Sink s = sink;
            if (s != null && id != 0) {
                s.taskEnd(id);
                if (CURRENT.get() == this) {
                    if (parent == null) {
                        CURRENT.remove();
                    } else {
                        CURRENT.set(parent);
                    }
                }
            }
        }
    }

    /** An open region; {@link #close()} ends it. */
    public static final class Region implements AutoCloseable {
        private final long task;
        private final String name;

        private Region(long task, String name) {
            this.task = task;
            this.name = name;
        }

        @Override
        public void close() {
            Sink s = sink;
            if (s != null && name != null) {
                s.regionEnd(task, name);
            }
        }
    }

    private static final Task NO_TASK = new Task(0, null);
    private static final Region NO_REGION = new Region(0, null);
    private static final AtomicLong TASK_IDS = new AtomicLong();
    private static final ThreadLocal<Task> CURRENT = new ThreadLocal<>();

    /** Whether a vtrace recording is running in this JVM. */
    public static boolean isEnabled() {
        return sink != null;
    }

    /** Begins a task named {@code name} (nested in the calling thread's current task). Never null. */
    public static Task newTask(String name) {
        Sink s = sink;
        if (s == null) {
            return NO_TASK;
        }
        Task parent = CURRENT.get();
        Task t = new Task(TASK_IDS.incrementAndGet(), parent);
        CURRENT.set(t);
        s.taskBegin(t.id, parent == null ? 0 : parent.id, name);
        return t;
    }

    /** Begins a region named {@code name} on the calling thread. Never null. */
    public static Region region(String name) {
        Sink s = sink;
        if (s == null) {
            return NO_REGION;
        }
        long task = currentTaskId();
        s.regionBegin(task, name);
        return new Region(task, name == null ? "" : name);
    }

    /** Records a log message under {@code category}, in the calling thread's current task. */
    public static void log(String category, String message) {
        Sink s = sink;
        if (s != null) {
            s.log(currentTaskId(), category, message);
        }
    }

    private static long currentTaskId() {
        Task t = CURRENT.get();
        return t == null ? 0 : t.id;
    }

    /** Where annotations go; implemented by the recorder. Not for applications. */
    public interface Sink {
        void taskBegin(long id, long parent, String name);

        void taskEnd(long id);

        void regionBegin(long task, String name);

        void regionEnd(long task, String name);

        void log(long task, String category, String message);
    }

    /**
     * Connects the recorder. Only a caller whose class was loaded by the same (boot) loader as
     * this class — the agent — can reach it in a meaningful way; an application calling it only
     * redirects its own annotations.
     */
    public static void connect(Sink s) {
        sink = s;
    }
}
