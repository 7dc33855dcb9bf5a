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
    private final LongIntMap index = new LongIntMap(16);
    private long[] stacks = new long[16];
    /** Per slot: count, total, max. */
    private long[] sums = new long[48];
    private int n;
    /** The last stack recorded and its slot: most transitions repeat it (0 when stacks are off). */
    private long lastStack = -1;
    private int lastSlot;

    public void record(long stack, long ns) {
        int i = stack == lastStack ? lastSlot : index.get(stack);
        if (i < 0) {
            i = n++;
            if (i == stacks.length) {
                stacks = java.util.Arrays.copyOf(stacks, i * 2);
                sums = java.util.Arrays.copyOf(sums, i * 6);
            }
            stacks[i] = stack;
            index.put(stack, i);
        }
        lastStack = stack;
        lastSlot = i;
        sums[3 * i]++;
        sums[3 * i + 1] += ns;
        sums[3 * i + 2] = Math.max(sums[3 * i + 2], ns);
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
