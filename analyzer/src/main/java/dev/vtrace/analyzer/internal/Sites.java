package dev.vtrace.analyzer.internal;

import dev.vtrace.analyzer.Report;
import dev.vtrace.format.reader.Stack;
import dev.vtrace.format.reader.TraceTables;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Durations per stack id (count, total, max), resolved to sites when reported. Bounded by stacks. */
public final class Sites {
    /**
     * Stack ids below this find their slot by direct indexing: ids come from one counter from 1,
     * so a trace's stacks are a dense range of small ids. A hash lookup per transition (the last
     * stack seldom repeats: a thread blocks at one of several sites) was ~15 % of the analysing
     * thread on a generated trace.
     */
    private static final int DIRECT_IDS = 1 << 16;
    /** Slot + 1 by stack id, for ids below {@link #DIRECT_IDS}, grown to the highest seen; 0 = none yet. */
    private int[] direct = new int[64];
    /** The slots of stack ids past {@link #DIRECT_IDS}. */
    private final LongIntMap index = new LongIntMap(16);
    private long[] stacks = new long[16];
    /** Per slot: count, total, max. */
    private long[] sums = new long[48];
    private int n;
    public void record(long stack, long ns) {
        int i = stack >= 0 && stack < direct.length ? direct[(int) stack] - 1 : slowSlot(stack);
        if (i < 0) {
            i = add(stack);
        }
        sums[3 * i]++;
        sums[3 * i + 1] += ns;
        sums[3 * i + 2] = Math.max(sums[3 * i + 2], ns);
    }

    /** The slot of a stack id outside the direct array (growing it when the id is small enough), or -1. */
    private int slowSlot(long stack) {
        if (stack >= 0 && stack < DIRECT_IDS) {
            direct = java.util.Arrays.copyOf(direct, (int) Math.min(DIRECT_IDS, Math.max(stack + 1, direct.length * 2L)));
            return direct[(int) stack] - 1;
        }
        return index.get(stack);
    }

    /** A new slot for {@code stack} (its id already made directly indexable if small). */
    private int add(long stack) {
        int i = n++;
        if (i == stacks.length) {
            stacks = java.util.Arrays.copyOf(stacks, i * 2);
            sums = java.util.Arrays.copyOf(sums, i * 6);
        }
        stacks[i] = stack;
        if (stack >= 0 && stack < DIRECT_IDS) {
            direct[(int) stack] = i + 1;
        } else {
            index.put(stack, i);
        }
        return i;
    }

    /** The {@code limit} sites with the most total time (ties by name), stacks with the same site merged. */
    public List<Report.Site> top(TraceTables tables, int limit) {
        Map<String, long[]> bySite = new LinkedHashMap<>();
        for (int i = 0; i < this.n; i++) {
            long[] s = bySite.computeIfAbsent(site(tables, stacks[i]), k -> new long[3]);
            s[0] += sums[3 * i];
            s[1] += sums[3 * i + 1];
            s[2] = Math.max(s[2], sums[3 * i + 2]);
        }
        List<Report.Site> out = new ArrayList<>();
        bySite.forEach((k, a) -> out.add(new Report.Site(k, a[0], a[1], a[2])));
        out.sort(Comparator.comparingLong(Report.Site::totalNs).reversed().thenComparing(Report.Site::site));
        return List.copyOf(out.subList(0, Math.min(limit, out.size())));
    }

    /** The first frame of the stack outside the JDK ("java.", "jdk.", "sun.", "com.sun."), else its top frame; "unknown" without a stack. */
    public static String site(TraceTables tables, long stackId) {
        Stack st = tables.stack(stackId);
        if (st == null || st.frames().isEmpty()) {
            return "unknown";
        }
        for (Stack.StackFrame f : st.frames()) {
            if (!isJdk(f.className())) {
                return f.toString();
            }
        }
        return st.top().toString();
    }

    static boolean isJdk(String cls) {
        return cls.startsWith("java.") || cls.startsWith("jdk.") || cls.startsWith("sun.") || cls.startsWith("com.sun.");
    }
}
