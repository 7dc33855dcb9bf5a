package dev.vtrace.recorder.internal;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_boolean;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_void;

import dev.vtrace.format.UnblockKind;
import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.FieldModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.MethodTransform;
import java.lang.classfile.Opcode;
import java.lang.classfile.attribute.ConstantValueAttribute;
import java.lang.classfile.constantpool.IntegerEntry;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.ReturnInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rewrites the JDK classes the recorder hooks, with java.lang.classfile, injecting plain
 * {@code invokestatic} calls into {@link Hooks}. No field, method or invokedynamic is added, so
 * the rewrite is legal for retransformation of already-loaded bootstrap classes.
 *
 * <p>Hook points (docs/recorder.md explains each choice):
 * <pre>
 * VirtualThread.start(ThreadContainer)   entry                 Hooks.goCreate(this, state)
 * VirtualThread.mount()                  entry                 Hooks.goStart(this)
 * VirtualThread.afterYield()             entry                 Hooks.afterYield(this, state)
 * VirtualThread.afterDone(boolean)       entry                 Hooks.goEnd(this)
 * VirtualThread.park() / parkNanos(long) entry                 Hooks.parkEntry(this)
 * VirtualThread.parkOnCarrierThread      entry / each return   Hooks.pinnedBlock / pinnedUnblock(this)
 * VirtualThread.sleepNanos(long)         around parkNanos call Hooks.markSleep / unmark
 * VirtualThread.joinNanos(long)          around latch await    Hooks.markJoin / unmark
 * VirtualThread.*                        before each *submitRunContinuation* call (outside the
 *                                        submit methods, start and tryGetStackTrace)
 *                                                              Hooks.goUnblock(this, state, kind)
 * VirtualThread$VThreadContinuation.onPinned(Pinned) entry      Hooks.onPinned(reason)
 * sun.nio.ch.Poller.poll(int,int,long,BooleanSupplier)  after readPoller/writePoller, each return
 *                                                              Hooks.markNetRead/Write / unmark
 * jdk.internal.misc.CarrierThread.beginBlocking()  each return Hooks.procBlock(result)
 * jdk.internal.misc.CarrierThread.endBlocking()    entry       Hooks.procUnblock(compensating)
 * java.util.concurrent.ForkJoinPool.awaitWork      around Unsafe.park   Hooks.procStop / procStart
 * </pre>
 *
 * <p>{@link #check} runs every rewrite on the class files read as resources (never loading a
 * class) and verifies that each hook point was found the expected number of times and that the
 * private state constants the hooks rely on have the values {@link Hooks} assumes.
 */
public final class Instrumenter implements ClassFileTransformer {
    static final String VT = "java/lang/VirtualThread";
    static final String VTC = "java/lang/VirtualThread$VThreadContinuation";
    static final String POLLER = "sun/nio/ch/Poller";
    static final String CARRIER = "jdk/internal/misc/CarrierThread";
    static final String FJP = "java/util/concurrent/ForkJoinPool";
    static final String SQ = "java/util/concurrent/SynchronousQueue";
    static final String LTQ = "java/util/concurrent/LinkedTransferQueue";
    static final String LBQ = "java/util/concurrent/LinkedBlockingQueue";
    static final String ABQ = "java/util/concurrent/ArrayBlockingQueue";
    static final String LBD = "java/util/concurrent/LinkedBlockingDeque";
    static final String PBQ = "java/util/concurrent/PriorityBlockingQueue";
    static final String DQ = "java/util/concurrent/DelayQueue";
    static final String CB = "java/util/concurrent/CyclicBarrier";

    /** The classes rewritten, in internal form, with whether the recorder can run without them. */
    static final Map<String, Boolean> TARGETS = new LinkedHashMap<>();

    static {
        TARGETS.put(VT, false);
        TARGETS.put(VTC, true);
        TARGETS.put(POLLER, true);
        TARGETS.put(CARRIER, true);
        TARGETS.put(FJP, true);
        TARGETS.put(SQ, true);
        TARGETS.put(LTQ, true);
        TARGETS.put(LBQ, true);
        TARGETS.put(ABQ, true);
        TARGETS.put(LBD, true);
        TARGETS.put(PBQ, true);
        TARGETS.put(DQ, true);
        TARGETS.put(CB, true);
    }

    private static final ClassDesc CD_Thread = ClassDesc.of("java.lang.Thread");
    private static final ClassDesc HOOKS = ClassDesc.of("dev.vtrace.recorder.internal.Hooks");
    private static final ClassDesc CD_VT = ClassDesc.ofInternalName(VT);
    private static final ClassDesc CD_CARRIER = ClassDesc.ofInternalName(CARRIER);
    private static final MethodTypeDesc T_V = MethodTypeDesc.of(CD_void, CD_Thread);
    private static final MethodTypeDesc TI_V = MethodTypeDesc.of(CD_void, CD_Thread, CD_int);
    private static final MethodTypeDesc TII_V = MethodTypeDesc.of(CD_void, CD_Thread, CD_int, CD_int);
    private static final MethodTypeDesc V_V = MethodTypeDesc.of(CD_void);
    private static final MethodTypeDesc O_V = MethodTypeDesc.of(CD_void, CD_Object);
    private static final MethodTypeDesc Z_V = MethodTypeDesc.of(CD_void, CD_boolean);
    private static final MethodTypeDesc I_V = MethodTypeDesc.of(CD_void, CD_int);

    private static final Set<String> SUBMITS = Set.of(
            "submitRunContinuation", "lazySubmitRunContinuation",
            "externalSubmitRunContinuation", "externalSubmitRunContinuationOrThrow");

    /** The private constants Hooks relies on: class → field → expected value. */
    private static final Map<String, Map<String, Integer>> CONSTANTS = Map.of(
            VT, Map.of("NEW", Hooks.NEW, "STARTED", Hooks.STARTED, "PARKING", Hooks.PARKING,
                    "TIMED_PARKING", Hooks.TIMED_PARKING, "YIELDING", Hooks.YIELDING, "YIELDED", Hooks.YIELDED,
                    "BLOCKING", Hooks.BLOCKING, "WAITING", Hooks.WAITING, "TIMED_WAITING", Hooks.TIMED_WAITING),
            CARRIER, Map.of("COMPENSATING", Hooks.COMPENSATING));

    /**
     * Hook points each class must have, as "method descriptor → expected injection count"
     * (a count of -1 means "at least one").
     */
    private static final Map<String, Map<String, Integer>> EXPECTED = Map.ofEntries(
            Map.entry(VT, Map.ofEntries(
                    Map.entry("start(Ljdk/internal/vm/ThreadContainer;)V", 1),
                    Map.entry("mount()V", 1),
                    Map.entry("afterYield()V", -1),
                    Map.entry("afterDone(Z)V", 1),
                    Map.entry("park()V", 1),
                    Map.entry("parkNanos(J)V", 1),
                    Map.entry("parkOnCarrierThread(ZJ)V", -1),
                    Map.entry("sleepNanos(J)V", -1),
                    Map.entry("joinNanos(J)Z", -1),
                    Map.entry("unpark(Z)V", 2),
                    Map.entry("unblock()V", 1),
                    Map.entry("waitTimeoutExpired(B)V", 1))),
            Map.entry(VTC, Map.of("onPinned(Ljdk/internal/vm/Continuation$Pinned;)V", 1)),
            Map.entry(POLLER, Map.of("poll(IIJLjava/util/function/BooleanSupplier;)V", -1)),
            Map.entry(CARRIER, Map.of("beginBlocking()Z", -1, "endBlocking()V", 1)),
            Map.entry(FJP, Map.of("awaitWork(Ljava/util/concurrent/ForkJoinPool$WorkQueue;I)I", -1)),
            Map.entry(SQ, Map.of("take()Ljava/lang/Object;", -1, "put(Ljava/lang/Object;)V", -1)),
            Map.entry(LTQ, Map.of("take()Ljava/lang/Object;", -1, "transfer(Ljava/lang/Object;)V", -1)),
            Map.entry(LBQ, Map.of("take()Ljava/lang/Object;", -1, "put(Ljava/lang/Object;)V", -1)),
            Map.entry(ABQ, Map.of("take()Ljava/lang/Object;", -1, "put(Ljava/lang/Object;)V", -1)),
            Map.entry(LBD, Map.of("takeFirst()Ljava/lang/Object;", -1, "putLast(Ljava/lang/Object;)V", -1)),
            Map.entry(PBQ, Map.of("take()Ljava/lang/Object;", -1)),
            Map.entry(DQ, Map.of("take()Ljava/util/concurrent/Delayed;", -1)),
            Map.entry(CB, Map.of("dowait(ZJ)I", -1)));

    private final ClassFile cf;
    /** Classes rewritten so far (internal names), for the start-up report. */
    final Set<String> done = ConcurrentHashMap.newKeySet();
    /** Classes whose rewrite failed, with why. */
    final Map<String, String> failed = new ConcurrentHashMap<>();

    public Instrumenter() {
        ClassHierarchyResolver byResource = ClassHierarchyResolver.ofResourceParsing(Instrumenter::resource);
        this.cf = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(byResource.cached()));
    }

    /** Class file bytes found as a resource, never by loading the class. */
    private static InputStream resource(ClassDesc desc) {
        String ds = desc.descriptorString();
        String internal = ds.substring(1, ds.length() - 1);
        return ClassLoader.getSystemResourceAsStream(internal + ".class");
    }

    static byte[] readResource(String internalName) throws IOException {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(internalName + ".class")) {
            if (in == null) {
                throw new IOException("class file " + internalName + " not found");
            }
            return in.readAllBytes();
        }
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefining,
            ProtectionDomain pd, byte[] bytes) {
        if (loader != null || className == null || !TARGETS.containsKey(className)) {
            return null;
        }
        try {
            Result r = rewrite(className, bytes);
            String problem = r.problem();
            if (problem != null) {
                failed.put(className, problem);
                return null;
            }
            done.add(className);
            return r.bytes();
        } catch (Throwable t) {
            failed.put(className, t.toString());
            return null;
        }
    }

    /** The rewritten class, or why it cannot be. */
    record Result(byte[] bytes, String problem) {}

    /**
     * Checks the running JDK: every target's class file is rewritten in memory and its hook points
     * and constants verified. Returns problems per class; empty when all is as expected.
     */
    Map<String, String> check() {
        Map<String, String> problems = new LinkedHashMap<>();
        for (String c : TARGETS.keySet()) {
            try {
                Result r = rewrite(c, readResource(c));
                if (r.problem() != null) {
                    problems.put(c, r.problem());
                }
            } catch (Throwable t) {
                problems.put(c, t.toString());
            }
        }
        return problems;
    }

    Result rewrite(String className, byte[] bytes) {
        ClassModel cm = cf.parse(bytes);
        String constProblem = checkConstants(className, cm);
        if (constProblem != null) {
            return new Result(null, constProblem);
        }
        Map<String, Integer> expected = EXPECTED.getOrDefault(className, Map.of());
        Map<String, int[]> counts = new ConcurrentHashMap<>();
        ClassTransform ct = (clb, ce) -> {
            if (ce instanceof MethodModel mm) {
                String key = mm.methodName().stringValue() + mm.methodType().stringValue();
                CodeTransform code = codeTransform(className, mm, key,
                        counts.computeIfAbsent(key, k -> new int[1]));
                if (code != null) {
                    clb.transformMethod(mm, MethodTransform.transformingCode(code));
                    return;
                }
            }
            clb.with(ce);
        };
        byte[] out = cf.transformClass(cm, ct);
        List<String> missing = new ArrayList<>();
        for (var e : expected.entrySet()) {
            int[] n = counts.get(e.getKey());
            int got = n == null ? 0 : n[0];
            int want = e.getValue();
            if (want < 0 ? got < 1 : got != want) {
                missing.add(e.getKey() + " (hook points found: " + got + ", expected: "
                        + (want < 0 ? "at least 1" : want) + ")");
            }
        }
        if (!missing.isEmpty()) {
            return new Result(null, "unexpected shape of " + className.replace('/', '.') + ": " + missing);
        }
        return new Result(out, null);
    }

    private static String checkConstants(String className, ClassModel cm) {
        Map<String, Integer> want = CONSTANTS.get(className);
        if (want == null) {
            return null;
        }
        for (var e : want.entrySet()) {
            Integer got = null;
            for (FieldModel f : cm.fields()) {
                if (f.fieldName().equalsString(e.getKey())) {
                    got = f.findAttribute(java.lang.classfile.Attributes.constantValue())
                            .map(ConstantValueAttribute::constant)
                            .filter(c -> c instanceof IntegerEntry)
                            .map(c -> ((IntegerEntry) c).intValue())
                            .orElse(null);
                }
            }
            if (got == null || got.intValue() != e.getValue()) {
                return className.replace('/', '.') + "." + e.getKey() + " is " + got + ", expected " + e.getValue();
            }
        }
        return null;
    }

    /** The code transform for one method, or null to leave it alone. */
    private static CodeTransform codeTransform(String cls, MethodModel mm, String key, int[] count) {
        String method = mm.methodName().stringValue();
        switch (cls) {
            case VT -> {
                return vtTransform(mm, method, key, count);
            }
            case VTC -> {
                if (key.equals("onPinned(Ljdk/internal/vm/Continuation$Pinned;)V")) {
                    return atEntry(count, b -> b.aload(1).invokestatic(HOOKS, "onPinned", O_V));
                }
            }
            case POLLER -> {
                if (key.equals("poll(IIJLjava/util/function/BooleanSupplier;)V")) {
                    return (b, e) -> {
                        if (e instanceof ReturnInstruction) {
                            b.invokestatic(HOOKS, "unmark", V_V);
                        }
                        b.with(e);
                        if (e instanceof InvokeInstruction ii) {
                            String n = ii.name().stringValue();
                            if (n.equals("readPoller")) {
                                b.invokestatic(HOOKS, "markNetRead", V_V);
                                count[0]++;
                            } else if (n.equals("writePoller")) {
                                b.invokestatic(HOOKS, "markNetWrite", V_V);
                                count[0]++;
                            }
                        }
                    };
                }
            }
            case CARRIER -> {
                if (key.equals("beginBlocking()Z")) {
                    return (b, e) -> {
                        if (e instanceof ReturnInstruction) {
                            b.dup().invokestatic(HOOKS, "procBlock", Z_V);
                            count[0]++;
                        }
                        b.with(e);
                    };
                }
                if (key.equals("endBlocking()V")) {
                    return atEntry(count, b -> b.aload(0).getfield(CD_CARRIER, "compensating", CD_int)
                            .invokestatic(HOOKS, "procUnblock", I_V));
                }
            }
            case FJP -> {
                if (method.equals("awaitWork")) {
                    return (b, e) -> {
                        boolean park = e instanceof InvokeInstruction ii
                                && ii.owner().asInternalName().equals("jdk/internal/misc/Unsafe")
                                && ii.name().equalsString("park");
                        if (park) {
                            b.invokestatic(HOOKS, "procStop", V_V);
                            b.with(e);
                            b.invokestatic(HOOKS, "procStart", V_V);
                            count[0]++;
                        } else {
                            b.with(e);
                        }
                    };
                }
            }
            case SQ, LTQ -> {
                // Both sides of a transfer queue park with the queue as blocker: the public method
                // says which side this is. Marks around its call of the internal xfer.
                String marker = switch (method) {
                    case "take", "poll" -> "markQueueTake";
                    case "put", "offer", "transfer", "tryTransfer" -> "markQueuePut";
                    default -> null;
                };
                if (marker != null && mm.code().isPresent()) {
                    return aroundPrefix(count, "xfer", marker);
                }
            }
            case LBQ, ABQ, LBD, PBQ, DQ -> {
                // Takers and putters wait on the queue's conditions (the blocker is the AQS
                // ConditionObject either way): the method says which side. Marks around each
                // Condition.await* call only, so that the lock taken before it is not marked.
                String marker = method.startsWith("take") || method.startsWith("poll") ? "markConditionTake"
                        : method.startsWith("put") || method.startsWith("offer") ? "markConditionPut"
                        : null;
                if (marker != null && mm.code().isPresent()) {
                    return aroundConditionAwait(count, marker);
                }
            }
            case CB -> {
                if (method.equals("dowait")) {
                    return aroundConditionAwait(count, "markConditionBarrier");
                }
            }
            default -> {}
        }
        return null;
    }

    /** Marks before, and clears after, each {@code Condition.await*} call. */
    private static CodeTransform aroundConditionAwait(int[] count, String marker) {
        return (b, e) -> {
            if (e instanceof InvokeInstruction ii
                    && ii.owner().asInternalName().equals("java/util/concurrent/locks/Condition")
                    && ii.name().stringValue().startsWith("await")) {
                b.invokestatic(HOOKS, marker, V_V);
                b.with(e);
                b.invokestatic(HOOKS, "unmark", V_V);
                count[0]++;
            } else {
                b.with(e);
            }
        };
    }

    /** Like {@link #around} for every callee whose name starts with {@code prefix}. */
    private static CodeTransform aroundPrefix(int[] count, String prefix, String marker) {
        return (b, e) -> {
            if (e instanceof InvokeInstruction ii && ii.name().stringValue().startsWith(prefix)) {
                b.invokestatic(HOOKS, marker, V_V);
                b.with(e);
                b.invokestatic(HOOKS, "unmark", V_V);
                count[0]++;
            } else {
                b.with(e);
            }
        };
    }

    private static CodeTransform vtTransform(MethodModel mm, String method, String key, int[] count) {
        switch (key) {
            case "start(Ljdk/internal/vm/ThreadContainer;)V":
                return atEntry(count, b -> b.aload(0).aload(0).getfield(CD_VT, "state", CD_int)
                        .invokestatic(HOOKS, "goCreate", TI_V));
            case "mount()V":
                return atEntry(count, b -> b.aload(0).invokestatic(HOOKS, "goStart", T_V));
            case "afterDone(Z)V":
                return atEntry(count, b -> b.aload(0).invokestatic(HOOKS, "goEnd", T_V));
            case "park()V", "parkNanos(J)V":
                return atEntry(count, b -> b.aload(0).invokestatic(HOOKS, "parkEntry", T_V));
            case "parkOnCarrierThread(ZJ)V":
                return new CodeTransform() {
                    @Override
                    public void atStart(CodeBuilder b) {
                        b.aload(0).invokestatic(HOOKS, "pinnedBlock", T_V);
                    }

                    @Override
                    public void accept(CodeBuilder b, CodeElement e) {
                        if (e instanceof ReturnInstruction) {
                            b.aload(0).invokestatic(HOOKS, "pinnedUnblock", T_V);
                            count[0]++;
                        }
                        b.with(e);
                    }
                };
            case "sleepNanos(J)V":
                return around(count, "parkNanos", "markSleep");
            case "joinNanos(J)Z":
                return around(count, "await", "markJoin");
            default:
                break;
        }
        if (SUBMITS.contains(method) || method.equals("start") || method.equals("tryGetStackTrace")) {
            return null; // nested submits, the first start (GoCreate covers it), a stack-trace resubmit
        }
        int fixedKind = switch (method) {
            case "afterYield" -> UnblockKind.SELF.code();
            case "unblock" -> UnblockKind.MONITOR.code();
            case "waitTimeoutExpired" -> UnblockKind.TIMEOUT.code();
            default -> UnblockKind.UNPARK.code();
        };
        boolean isAfterYield = method.equals("afterYield");
        if (!isAfterYield && !callsSubmit(mm)) {
            return null;
        }
        return new CodeTransform() {
            @Override
            public void atStart(CodeBuilder b) {
                if (isAfterYield) {
                    b.aload(0).aload(0).getfield(CD_VT, "state", CD_int).invokestatic(HOOKS, "afterYield", TI_V);
                    count[0]++;
                }
            }

            @Override
            public void accept(CodeBuilder b, CodeElement e) {
                if (e instanceof InvokeInstruction ii
                        && ii.owner().asInternalName().equals(VT)
                        && SUBMITS.contains(ii.name().stringValue())) {
                    int kind = fixedKind;
                    // unpark(boolean lazySubmit): only the timer's parkTimeoutExpired passes true
                    if (method.equals("unpark") && ii.name().equalsString("lazySubmitRunContinuation")) {
                        kind = UnblockKind.TIMEOUT.code();
                    }
                    b.aload(0).aload(0).getfield(CD_VT, "state", CD_int).loadConstant(kind)
                            .invokestatic(HOOKS, "goUnblock", TII_V);
                    if (!isAfterYield) {
                        count[0]++;
                    }
                }
                b.with(e);
            }
        };
    }

    private static boolean callsSubmit(MethodModel mm) {
        return mm.code().map(code -> code.elementStream().anyMatch(e -> e instanceof InvokeInstruction ii
                && ii.owner().asInternalName().equals(VT)
                && SUBMITS.contains(ii.name().stringValue()))).orElse(false);
    }

    /** Marks before, and clears after, each call of a method named {@code callee}. */
    private static CodeTransform around(int[] count, String callee, String marker) {
        return (b, e) -> {
            boolean hit = e instanceof InvokeInstruction ii && ii.name().equalsString(callee)
                    && ii.opcode() != Opcode.INVOKESTATIC;
            if (hit) {
                b.invokestatic(HOOKS, marker, V_V);
                b.with(e);
                b.invokestatic(HOOKS, "unmark", V_V);
                count[0]++;
            } else {
                b.with(e);
            }
        };
    }

    private interface Emit {
        void emit(CodeBuilder b);
    }

    private static CodeTransform atEntry(int[] count, Emit emit) {
        return new CodeTransform() {
            @Override
            public void atStart(CodeBuilder b) {
                emit.emit(b);
                count[0]++;
            }

            @Override
            public void accept(CodeBuilder b, CodeElement e) {
                b.with(e);
            }
        };
    }
}
