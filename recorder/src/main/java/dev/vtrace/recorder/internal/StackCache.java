package dev.vtrace.recorder.internal;

import dev.vtrace.format.writer.StackTable;
import java.util.function.Function;
import java.util.stream.Stream;
import jdk.internal.misc.Unsafe;

/**
 * Stack ids by frame identity: a repeated stack costs a capture and a table lookup, not
 * {@code StackTraceElement}s (line-number tables, strings) and the {@link StackTable}'s hashing.
 *
 * <p>A frame's identity determines its {@code StackTraceElement} (class, method, file, line), so a
 * stack of identities maps to exactly the stack id the {@link StackTable} gives for its elements.
 * Two ways to get the identities, chosen once at start-up:
 * <ul>
 * <li>Backtrace (JDK 25, the usual case): {@code new Throwable()} and the VM's own arrays of
 * class mirrors, method id numbers and bytecode indexes (with the class version), read in place
 * with {@code Unsafe}; the layout is checked against a probe stack at start-up. ~1 µs for 25
 * frames, 4–6× less than the walk.
 * <li>Walk (the backtrace layout was not as expected): a {@code StackWalker} that stops after
 * the frames kept; a frame's identity is the VM's {@code ResolvedMethodName} (one object per method,
 * interned by the VM's ResolvedMethodTable, read from the frame's {@code MemberName} with
 * {@code Unsafe}) and the bytecode index. Should that layout change too, the identity is the
 * declaring class plus the method name (two overloads calling from the same bytecode index with
 * identical callers would then share an id; their line numbers may differ).
 * </ul>
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

    /**
     * One cached stack: per frame a method identity (two objects) and a code (bytecode index, or in
     * backtrace mode the method's id number and the bytecode index with the class version).
     */
    private static final class Entry {
        final int hash;
        final int n;
        final Object[] a;
        final Object[] b;
        final long[] c;
        final long id;

        Entry(int hash, int n, Object[] a, Object[] b, long[] c, long id) {
            this.hash = hash;
            this.n = n;
            this.a = a;
            this.b = b;
            this.c = c;
            this.id = id;
        }

        boolean matches(int h, int n2, Object[] a2, Object[] b2, long[] c2) {
            if (hash != h || n != n2) {
                return false;
            }
            for (int i = 0; i < n2; i++) {
                if (c[i] != c2[i] || a[i] != a2[i] || b[i] != b2[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    // --- backtrace mode: the VM's own stack capture, read in place ---

    /**
     * Offsets of {@code Throwable.backtrace} and {@code Throwable.depth}, or -1 when the layout
     * check below failed (then stacks are walked with a StackWalker instead).
     *
     * <p>Why: {@code new Throwable()} records the stack natively as arrays of method id numbers,
     * bytecode indexes and class mirrors, 4–6× cheaper than a StackWalker walk of the same frames
     * (which builds a StackFrame and resolves a MemberName per frame). Those arrays identify each
     * frame exactly, so a known stack costs the capture and a table probe; only a stack never seen
     * before is turned into StackTraceElements. The layout (HotSpot's {@code java_lang_Throwable}:
     * chunks of {@code [short[] methods, int[] bcis, Object[] mirrors, long[] names, conts, next,
     * hidden]}) is internal, so it is checked at start-up against a probe stack of known frames.
     */
    private static final long BACKTRACE_OFFSET;
    private static final long DEPTH_OFFSET;
    private static final int METHODS = 0;
    private static final int BCIS = 1;
    private static final int MIRRORS = 2;
    private static final int NEXT = 5;

    static {
        long bt = -1;
        long depth = -1;
        try {
            bt = U.objectFieldOffset(Throwable.class, "backtrace");
            depth = U.objectFieldOffset(Throwable.class, "depth");
            if (!backtraceLayoutAsExpected(bt, depth)) {
                bt = -1;
            }
        } catch (Throwable t) {
            bt = -1;
        }
        BACKTRACE_OFFSET = bt;
        DEPTH_OFFSET = depth;
    }

    /** Whether this JVM's backtrace layout is the expected one. */
    static final boolean BY_BACKTRACE = BACKTRACE_OFFSET >= 0;

    /** Whether stacks are read from a Throwable's backtrace (else walked); tests switch it off. */
    static boolean useBacktrace = BY_BACKTRACE;

    private static Throwable probe(int d) {
        return d == 0 ? new Throwable() : probe(d - 1);
    }

    /**
     * A probe 40 frames deep (two chunks): every frame the layout says is {@code probe} must be
     * {@code StackCache}'s and agree with {@code getStackTrace}; same method and bytecode index for
     * the recursive frames.
     */
    private static boolean backtraceLayoutAsExpected(long btOffset, long depthOffset) {
        Throwable t = probe(40);
        int depth = U.getInt(t, depthOffset);
        StackTraceElement[] ste = t.getStackTrace();
        if (depth != ste.length || depth < 42 || !(U.getReference(t, btOffset) instanceof Object[] chunk)) {
            return false;
        }
        long recursive = -1;
        for (int i = 0; i < 41; i++) {
            if (i > 0 && i % chunkSize(chunk) == 0) {
                if (!(chunk[NEXT] instanceof Object[] next)) {
                    return false;
                }
                chunk = next;
            }
            int j = i % chunkSize(chunk);
            if (((Object[]) chunk[MIRRORS])[j] != StackCache.class || !ste[i].getMethodName().equals("probe")) {
                return false;
            }
            long code = code(chunk, j);
            if (i == 1) {
                recursive = code;
            } else if (i > 1 && code != recursive) {
                return false;
            }
        }
        return recursive != code(chunk(t, btOffset), 0);
    }

    private static Object[] chunk(Throwable t, long btOffset) {
        return (Object[]) U.getReference(t, btOffset);
    }

    private static int chunkSize(Object[] chunk) {
        if (chunk.length <= NEXT || !(chunk[METHODS] instanceof short[] m) || !(chunk[BCIS] instanceof int[] b)
                || !(chunk[MIRRORS] instanceof Object[] c) || m.length != b.length || m.length != c.length
                || m.length == 0) {
            throw new IllegalStateException("unexpected backtrace chunk");
        }
        return m.length;
    }

    /** A frame's method id number and its bytecode index with the class version, as one long. */
    private static long code(Object[] chunk, int j) {
        return ((long) ((short[]) chunk[METHODS])[j] << 32) | (((int[]) chunk[BCIS])[j] & 0xFFFF_FFFFL);
    }

    /**
     * A stack's identity: per frame two objects and a code, collected from a backtrace or a walk.
     * Reused per slot: only code running on that slot's thread uses it, and nothing between the
     * capture and {@link #id} can yield.
     */
    static final class Key {
        final Object[] a;
        final Object[] b;
        final long[] c;
        int n;
        int hash;
        /** Backtrace mode: the capture and the index of the first frame kept, for a miss. */
        Throwable captured;
        int first;
        /** Walk mode: the frames kept, for a miss. */
        final StackWalker.StackFrame[] frames;

        Key(int max) {
            a = new Object[max];
            b = new Object[max];
            c = new long[max];
            frames = new StackWalker.StackFrame[max];
        }

        /** Collects frames {@code skip .. skip + max} of {@code t}'s backtrace (BY_BACKTRACE only). */
        void collect(Throwable t, int skip) {
            int depth = U.getInt(t, DEPTH_OFFSET);
            Object[] chunk = chunk(t, BACKTRACE_OFFSET);
            if (chunk == null) { // -XX:-StackTraceInThrowable: no stack to be had
                n = 0;
                captured = null;
                return;
            }
            int size = ((short[]) chunk[METHODS]).length;
            int i = skip;
            while (i >= size && chunk != null) { // a chunk-skip for skips past the first chunk
                chunk = (Object[]) chunk[NEXT];
                i -= size;
            }
            int k = 0;
            int h = 1;
            int max = a.length;
            Object[] mirrors = chunk == null ? null : (Object[]) chunk[MIRRORS];
            for (int f = skip; f < depth && k < max && chunk != null; f++) {
                Object m = mirrors[i];
                long code = code(chunk, i);
                a[k] = m;
                b[k] = null;
                c[k] = code;
                h = ((h * 31 + System.identityHashCode(m)) * 31 + (int) (code >>> 32)) * 31 + (int) code;
                k++;
                if (++i == size) {
                    chunk = (Object[]) chunk[NEXT];
                    mirrors = chunk == null ? null : (Object[]) chunk[MIRRORS];
                    i = 0;
                }
            }
            n = k;
            hash = h;
            captured = t;
            first = skip;
        }

        /** The stack id of the frames just collected; 0 for none. Builds elements only on a miss. */
        long id(StackTable stacks) {
            int k = n;
            if (k == 0) {
                captured = null;
                return 0;
            }
            int h = hash;
            Entry[] t = TABLE;
            for (int p = 0; p < PROBES; p++) {
                Entry e = t[(h + p) & MASK];
                if (e == null) {
                    break;
                }
                if (e.matches(h, k, a, b, c)) {
                    captured = null;
                    return e.id;
                }
            }
            // miss: copy the key out of this reusable one before anything that may block
            Object[] a2 = java.util.Arrays.copyOf(a, k);
            Object[] b2 = java.util.Arrays.copyOf(b, k);
            long[] c2 = java.util.Arrays.copyOf(c, k);
            StackTraceElement[] ste;
            if (captured != null) {
                ste = java.util.Arrays.copyOfRange(captured.getStackTrace(), first, first + k);
                captured = null;
            } else {
                ste = new StackTraceElement[k];
                for (int i = 0; i < k; i++) {
                    ste[i] = frames[i].toStackTraceElement();
                    frames[i] = null;
                }
            }
            long id = stacks.id(ste);
            Entry e = new Entry(h, k, a2, b2, c2, id);
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

    /**
     * Walk mode (the backtrace layout was not as expected): collects the identities of frames
     * {@code skip .. skip + max} into a {@link Key}. A named class (no lambda on hook paths).
     */
    static final class KeyWalk implements Function<Stream<StackWalker.StackFrame>, Object> {
        final Key key;
        int skip;

        KeyWalk(Key key) {
            this.key = key;
        }

        @Override
        public Object apply(Stream<StackWalker.StackFrame> s) {
            Key w = key;
            int k = 0;
            int h = 1;
            int seen = 0;
            int max = w.a.length;
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
                int bci = f.getByteCodeIndex();
                w.a[k] = x;
                w.b[k] = y;
                w.c[k] = bci;
                w.frames[k] = f;
                h = (h * 31 + System.identityHashCode(x)) * 31 + bci;
                if (y != null) {
                    h = h * 31 + y.hashCode();
                }
                k++;
            }
            w.n = k;
            w.hash = h;
            w.captured = null;
            return null;
        }
    }

    /** Empties the table (tests and benchmarks that start a new recording in one JVM). */
    static void clear() {
        java.util.Arrays.fill(TABLE, null);
    }
}
