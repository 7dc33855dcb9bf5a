package dev.vtrace.recorder.internal;

import dev.vtrace.format.writer.StackTable;
import java.util.function.Function;
import java.util.stream.Stream;
import jdk.internal.misc.Unsafe;

/**
 * Stack ids by frame identity: a repeated stack costs a short walk and a table lookup, not
 * {@code StackTraceElement}s (line-number tables, strings) and the {@link StackTable}'s hashing.
 *
 * <p>A frame's identity is its method and bytecode index: that pair determines the
 * {@code StackTraceElement} (class, method, file, line), so a stack of identities maps to exactly
 * the stack id the {@link StackTable} gives for its elements. The method is the VM's
 * {@code ResolvedMethodName} (one object per method, interned by the VM's ResolvedMethodTable),
 * read from the frame's {@code MemberName} with {@code Unsafe} (two plain loads; the field layout
 * is checked at start-up). Should that layout change, the identity is the declaring class plus the method
 * name, which costs one VM call per frame ({@code StackFrame.getMethodName}) but is still cheaper
 * than building elements; in that mode two overloads calling from the same bytecode index with
 * identical callers would share an id (their line numbers may differ).
 *
 * <p>The table is global and lock-free: entries are immutable (final fields, safely published by
 * a plain store), readers probe a few slots with plain loads, and a miss builds the elements,
 * asks the {@link StackTable} (which deduplicates for real) and stores the entry, replacing
 * whatever occupied the slot when all probes are taken. It holds strong references to methods
 * (and so their classes) of up to {@link #SIZE} stacks.
 */
final class StackCache {
    private StackCache() {}

    static final int SIZE = 1 << 13;
    private static final int MASK = SIZE - 1;
    private static final int PROBES = 4;
    private static final Entry[] TABLE = new Entry[SIZE];

    private static final Unsafe U = Unsafe.getUnsafe();
    /** {@code java.lang.invoke.MemberName}, or null when the layout below is not as expected. */
    private static final Class<?> MEMBER_NAME;
    /** Offset of {@code ClassFrameInfo.classOrMemberName} (the frame's MemberName). */
    private static final long MEMBER_NAME_OFFSET;
    /** Offset of {@code MemberName.method} (its ResolvedMethodName). */
    private static final long RESOLVED_OFFSET;

    static {
        Class<?> mn = null;
        long a = -1;
        long b = -1;
        try {
            Class<?> cfi = Class.forName("java.lang.ClassFrameInfo", false, null);
            mn = Class.forName("java.lang.invoke.MemberName", false, null);
            Class<?> resolved = Class.forName("java.lang.invoke.ResolvedMethodName", false, null);
            if (cfi.getDeclaredField("classOrMemberName").getType() != Object.class
                    || mn.getDeclaredField("method").getType() != resolved) {
                throw new NoSuchFieldException("unexpected field types");
            }
            a = U.objectFieldOffset(cfi, "classOrMemberName");
            b = U.objectFieldOffset(mn, "method");
        } catch (Throwable t) {
            mn = null;
        }
        MEMBER_NAME = mn;
        MEMBER_NAME_OFFSET = a;
        RESOLVED_OFFSET = b;
    }

    /** The frame's method as the VM's interned ResolvedMethodName, or null. */
    private static Object method(StackWalker.StackFrame f) {
        Object mn = U.getReference(f, MEMBER_NAME_OFFSET);
        return mn != null && mn.getClass() == MEMBER_NAME ? U.getReference(mn, RESOLVED_OFFSET) : null;
    }

    /** Whether frames are identified by the VM's method objects (else by class and method name). */
    static final boolean BY_METHOD = MEMBER_NAME != null;

    /** One cached stack: per frame a method identity (two objects) and a bytecode index. */
    private static final class Entry {
        final int hash;
        final int n;
        final Object[] a;
        final Object[] b;
        final int[] bci;
        final long id;

        Entry(int hash, int n, Object[] a, Object[] b, int[] bci, long id) {
            this.hash = hash;
            this.n = n;
            this.a = a;
            this.b = b;
            this.bci = bci;
            this.id = id;
        }

        boolean matches(int h, int n2, Object[] a2, Object[] b2, int[] bci2) {
            if (hash != h || n != n2) {
                return false;
            }
            for (int i = 0; i < n2; i++) {
                if (bci[i] != bci2[i] || a[i] != a2[i] || b[i] != b2[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Collects the identities of frames {@code skip .. skip + max}. Reused per slot: only code
     * running on that slot's thread uses it, and nothing between the walk and {@link #id} can yield.
     * A named class (no lambda on hook paths).
     */
    static final class KeyWalk implements Function<Stream<StackWalker.StackFrame>, Object> {
        final Object[] a;
        final Object[] b;
        final int[] bci;
        final StackWalker.StackFrame[] frames;
        int skip;
        int n;
        int hash;

        KeyWalk(int max) {
            a = new Object[max];
            b = new Object[max];
            bci = new int[max];
            frames = new StackWalker.StackFrame[max];
        }

        @Override
        public Object apply(Stream<StackWalker.StackFrame> s) {
            int k = 0;
            int h = 1;
            int seen = 0;
            int max = a.length;
            var it = s.iterator();
            while (it.hasNext() && k < max) {
                StackWalker.StackFrame f = it.next();
                if (seen++ < skip) {
                    continue;
                }
                Object x;
                Object y = null;
                if (BY_METHOD) {
                    x = method(f);
                    if (x == null) {
                        x = f.getDeclaringClass();
                        y = f.getMethodName();
                    }
                } else {
                    x = f.getDeclaringClass();
                    y = f.getMethodName();
                }
                int c = f.getByteCodeIndex();
                a[k] = x;
                b[k] = y;
                bci[k] = c;
                frames[k] = f;
                h = (h * 31 + System.identityHashCode(x)) * 31 + c;
                if (y != null) {
                    h = h * 31 + y.hashCode();
                }
                k++;
            }
            n = k;
            hash = h;
            return null;
        }

        /** The stack id of the frames just collected; 0 for none. Builds elements only on a miss. */
        long id(StackTable stacks) {
            int k = n;
            if (k == 0) {
                return 0;
            }
            int h = hash;
            Entry[] t = TABLE;
            for (int p = 0; p < PROBES; p++) {
                Entry e = t[(h + p) & MASK];
                if (e == null) {
                    break;
                }
                if (e.matches(h, k, a, b, bci)) {
                    return e.id;
                }
            }
            // miss: copy the key out of this reusable walk before anything that may block
            Object[] a2 = java.util.Arrays.copyOf(a, k);
            Object[] b2 = java.util.Arrays.copyOf(b, k);
            int[] bci2 = java.util.Arrays.copyOf(bci, k);
            StackTraceElement[] ste = new StackTraceElement[k];
            for (int i = 0; i < k; i++) {
                ste[i] = frames[i].toStackTraceElement();
                frames[i] = null;
            }
            long id = stacks.id(ste);
            Entry e = new Entry(h, k, a2, b2, bci2, id);
            int at = h & MASK;
            for (int p = 0; p < PROBES; p++) {
                if (t[(h + p) & MASK] == null) {
                    at = (h + p) & MASK;
                    break;
                }
            }
            t[at] = e;
            return id;
        }
    }

    /** Empties the table (tests and benchmarks that start a new recording in one JVM). */
    static void clear() {
        java.util.Arrays.fill(TABLE, null);
    }
}
