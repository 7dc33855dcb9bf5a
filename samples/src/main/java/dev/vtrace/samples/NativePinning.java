package dev.vtrace.samples;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The block-reasons scenario for a pinned park: the C library's {@code qsort} (an FFM downcall) calls
 * back into a Java comparator (an upcall) that sleeps. With qsort's native frame on the stack the
 * virtual thread cannot unmount, so the sleep holds the carrier: a pinned block (native frame).
 *
 * <p>Kept safe: two ints to sort, the comparator sleeps on its first call only (so once per sort, as
 * many comparisons as qsort makes), and it never throws — an exception escaping an upcall would
 * end the JVM. Needs {@code --enable-native-access=ALL-UNNAMED} to run without a warning.
 */
final class NativePinning {

    static final int SLEEP_MS = 20;

    private static final AtomicBoolean SLEPT_THIS_SORT = new AtomicBoolean();
    private static final MethodHandle QSORT;
    private static final MethodHandle COMPARATOR;

    static {
        Linker linker = Linker.nativeLinker();
        QSORT = linker.defaultLookup().find("qsort")
                .map(qsort -> linker.downcallHandle(qsort, FunctionDescriptor.ofVoid(
                        ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS)))
                .orElse(null);
        try {
            COMPARATOR = MethodHandles.lookup().findStatic(NativePinning.class, "compareSleepingOnce",
                    MethodType.methodType(int.class, MemorySegment.class, MemorySegment.class));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("the comparator is declared below", e);
        }
    }

    private NativePinning() {
    }

    /** Whether this platform's C library exports {@code qsort}. */
    static boolean available() {
        return QSORT != null;
    }

    static void pinnedInNativeUpcall(String name) throws InterruptedException {
        Waiter sorter = Waiter.start(name, NativePinning::sortWithSleepingComparator);
        sorter.awaitBlocked(); // a pinned sleep shows as TIMED_WAITING too
        sorter.finish();
    }

    private static void sortWithSleepingComparator() throws Exception {
        FunctionDescriptor comparatorType = FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.ADDRESS.withTargetLayout(ValueLayout.JAVA_INT),
                ValueLayout.ADDRESS.withTargetLayout(ValueLayout.JAVA_INT));
        SLEPT_THIS_SORT.set(false);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment comparator = Linker.nativeLinker().upcallStub(COMPARATOR, comparatorType, arena);
            MemorySegment ints = arena.allocateFrom(ValueLayout.JAVA_INT, 2, 1);
            try {
                QSORT.invokeExact(ints, 2L, ValueLayout.JAVA_INT.byteSize(), comparator);
            } catch (Throwable t) {
                throw new IllegalStateException("qsort downcall failed", t);
            }
            if (ints.getAtIndex(ValueLayout.JAVA_INT, 0) != 1 || !SLEPT_THIS_SORT.get()) {
                throw new IllegalStateException("qsort did not sort through the comparator");
            }
        }
    }

    /** Called from native code: must not throw. */
    private static int compareSleepingOnce(MemorySegment a, MemorySegment b) {
        if (SLEPT_THIS_SORT.compareAndSet(false, true)) {
            try {
                Thread.sleep(SLEEP_MS); // pinned: qsort's frame is below us
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return Integer.compare(a.get(ValueLayout.JAVA_INT, 0), b.get(ValueLayout.JAVA_INT, 0));
    }
}
