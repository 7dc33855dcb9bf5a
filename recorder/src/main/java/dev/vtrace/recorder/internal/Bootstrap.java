package dev.vtrace.recorder.internal;

import dev.vtrace.format.BlockReason;
import dev.vtrace.format.EventType;
import dev.vtrace.format.PinReason;
import dev.vtrace.format.UnblockKind;
import dev.vtrace.format.writer.EventBuffer;
import dev.vtrace.format.writer.HeaderInfo;
import dev.vtrace.format.writer.StackTable;
import dev.vtrace.format.writer.StringTable;
import dev.vtrace.format.writer.TraceFileWriter;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Starts a recording: the sequence is numbered because each step depends on the ones before.
 *
 * <ol>
 *   <li>Parse the options and check the JDK's feature version.
 *   <li>Export the three java.base internals the hooks use to this jar's (boot) unnamed module.
 *   <li>Dry-run every rewrite on the class files ({@link Instrumenter#check}); a mismatch on
 *       VirtualThread aborts, on a neighbour only drops that neighbour's events.
 *   <li>Open the file and write the header; initialize and warm up every class a hook touches,
 *       so that no hook loads or links a class on a parking path.
 *   <li>Start the writer thread and the shutdown hook, switch recording on, then retransform.
 * </ol>
 */
public final class Bootstrap {
    private Bootstrap() {}

    public static final String VERSION = "0.1.0";

    private static Writer writer;
    private static Thread writerLoop;

    public static synchronized void start(String args, Instrumentation inst) {
        if (writer != null) {
            System.err.println("vtrace: already recording; ignoring the second agent start");
            return;
        }
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("vtrace: bad agent options: " + e.getMessage() + "; running untraced");
            return;
        }
        int feature = Runtime.version().feature();
        if (feature != 25) {
            System.err.println("vtrace: JDK " + Runtime.version() + " is not supported (the recorder knows JDK 25); running untraced");
            return;
        }
        try {
            Module me = Bootstrap.class.getModule();
            if (Bootstrap.class.getClassLoader() != null) {
                System.err.println("vtrace: the agent jar is not on the boot class path; running untraced");
                return;
            }
            inst.redefineModule(Object.class.getModule(), Set.of(),
                    Map.of("jdk.internal.misc", Set.of(me), "jdk.internal.access", Set.of(me),
                            "jdk.internal.vm", Set.of(me)),
                    Map.of(), Set.of(), Map.of());

            Instrumenter instr = new Instrumenter();
            Map<String, String> problems = instr.check();
            if (problems.containsKey(Instrumenter.VT)) {
                System.err.println("vtrace: unsupported JDK " + Runtime.version() + ": "
                        + problems.get(Instrumenter.VT) + "; running untraced");
                return;
            }
            for (var e : problems.entrySet()) {
                System.err.println("vtrace: warning: not hooking " + e.getKey().replace('/', '.') + ": " + e.getValue());
            }

            StringTable strings = new StringTable();
            StackTable stacks = new StackTable(strings);
            Recorder.init(o, strings, stacks);
            TraceFileWriter out = new TraceFileWriter(
                    new BufferedOutputStream(new FileOutputStream(o.path(ProcessHandle.current().pid())), 1 << 16), o.compress(), strings, stacks);
            out.writeHeader(header(o));
            warmUp();

            writer = new Writer(out, o.flushNanos());
            writerLoop = new Thread(writer, "vtrace-writer");
            writerLoop.setDaemon(true);
            Recorder.writerThread = writerLoop;
            writerLoop.start();
            Thread hook = new Thread(() -> stop("exit"), "vtrace-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);

            Recorder.on = true;
            inst.addTransformer(instr, true);
            List<Class<?>> targets = new ArrayList<>();
            for (String c : Instrumenter.TARGETS.keySet()) {
                if (problems.containsKey(c)) {
                    continue;
                }
                targets.add(Class.forName(c.replace('/', '.'), false, null));
            }
            inst.retransformClasses(targets.toArray(Class<?>[]::new));
            if (!instr.done.contains(Instrumenter.VT)) {
                Recorder.on = false;
                System.err.println("vtrace: could not instrument java.lang.VirtualThread ("
                        + instr.failed.getOrDefault(Instrumenter.VT, "no transform") + "); running untraced");
                return;
            }
            for (var e : instr.failed.entrySet()) {
                System.err.println("vtrace: warning: not hooking " + e.getKey().replace('/', '.') + ": " + e.getValue());
            }
            Extras.start();
            if (o.jfr() && !VmPins.start()) {
                System.err.println("vtrace: warning: JFR is not available; pinned blocking inside the VM is not recorded");
            }
            dev.vtrace.Trace.connect(new AnnotationSink());
        } catch (Throwable t) {
            Recorder.on = false;
            dev.vtrace.Trace.connect(null);
            System.err.println("vtrace: recorder failed to start (" + t + "); running untraced");
        }
    }

    /** Ends the recording: writes what is left and the footer. Idempotent. */
    public static void stop(String reason) {
        Writer w;
        Thread loop;
        synchronized (Bootstrap.class) {
            w = writer;
            loop = writerLoop;
        }
        if (w != null) {
            VmPins.stop(); // its last events reach the full queue before the final drain
            w.finish(loop, reason);
        }
    }

    private static HeaderInfo header(Options o) {
        String par = System.getProperty("jdk.virtualThreadScheduler.parallelism");
        int cpus = Runtime.getRuntime().availableProcessors();
        int parallelism = cpus;
        try {
            if (par != null) {
                parallelism = Integer.parseInt(par.trim());
            }
        } catch (NumberFormatException ignored) {
            // the JDK falls back the same way
        }
        String host = System.getenv("HOSTNAME");
        return new HeaderInfo(
                Recorder.epoch,
                System.currentTimeMillis() * 1_000_000L,
                Runtime.version().toString(),
                String.valueOf(System.getProperty("java.vendor", "")),
                ProcessHandle.current().pid(),
                ProcessHandle.current().info().commandLine().orElse(""),
                VERSION,
                host == null ? "" : host,
                cpus,
                parallelism,
                o.toString());
    }

    /**
     * Loads, initializes and exercises everything a hook may touch, so that no hook loads or links
     * a class (a parking virtual thread must never do that) and the VarHandle and stack-walk
     * paths are linked.
     */
    private static void warmUp() throws Exception {
        for (Class<?> c : new Class<?>[] {
                Hooks.class, Blockers.class, Slot.class, Recorder.class, StackCache.class, StackCache.Key.class, StackCache.KeyWalk.class, EventBuffer.class, EventType.class,
                BlockReason.class, PinReason.class, UnblockKind.class, Writer.class}) {
            Class.forName(c.getName(), true, null);
        }
        EventType.values();
        // Continuation.Pinned ordinal → PinReason, by name
        for (jdk.internal.vm.Continuation.Pinned p : jdk.internal.vm.Continuation.Pinned.values()) {
            if (p.ordinal() < Hooks.PIN_BY_ORDINAL.length) {
                Hooks.PIN_BY_ORDINAL[p.ordinal()] = switch (p.name()) {
                    case "NATIVE" -> PinReason.NATIVE.code();
                    case "MONITOR" -> PinReason.MONITOR.code();
                    case "CRITICAL_SECTION" -> PinReason.CRITICAL_SECTION.code();
                    case "EXCEPTION" -> PinReason.EXCEPTION.code();
                    default -> PinReason.UNKNOWN.code();
                };
            }
        }
        // exercise the slot, buffer and writer hand-off paths on a scratch slot
        Slot scratch = new Slot(Thread.currentThread());
        EventBuffer warm = new EventBuffer(256);
        for (int i = 0; i < 3; i++) {
            scratch.switchTo(warm);
            scratch.commit(scratch.buf());
            scratch.bufAcquire();
            scratch.committedAcquire();
            scratch.switchTo(null);
        }
        Recorder.FULL_WAITING.get();
        Recorder.slot();
        Recorder.p(new Slot(Thread.currentThread()));
        Recorder.DROPPED.add(0);
        Recorder.ERRORS.add(0);
        EventBuffer b = new EventBuffer(256);
        b.reset(1, 0);
        b.event4(EventType.GO_BLOCK, 1, 1, 1, 1, 1);
        Recorder.FREE.offer(b);
        Recorder.FREE.remove(b);
        // stack walk and blocker classification paths
        ReentrantLock lock = new ReentrantLock();
        Object cond = lock.newCondition();
        for (int i = 0; i < 3; i++) {
            Blockers.reason(cond, cond.getClass());
            Blockers.reason(lock, lock.getClass());
        }
        new Throwable().getStackTrace();
        Recorder.strings.id("vtrace");
        Recorder.stacks.id(new Throwable().getStackTrace());
        Recorder.stackId(1);
        Recorder.stackId(1); // the second one hits the StackCache
        Thread.currentThread().isVirtual();
        Thread.currentThread().threadId();
    }
}
