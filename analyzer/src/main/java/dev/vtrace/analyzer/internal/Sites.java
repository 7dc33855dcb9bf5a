package dev.vtrace.analyzer.internal;

import dev.vtrace.analyzer.Report;
import dev.vtrace.format.reader.Stack;
import dev.vtrace.format.reader.TraceTables;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Durations per stack id (count, total, max), resolved to sites when reported. Bounded by stacks. */
public final class Sites {
    private final HashMap<Long, long[]> byStack = new HashMap<>();

    public void record(long stack, long ns) {
        long[] a = byStack.computeIfAbsent(stack, k -> new long[3]);
        a[0]++;
        a[1] += ns;
        a[2] = Math.max(a[2], ns);
    }

    /** The {@code n} sites with the most total time (ties by name), stacks with the same site merged. */
    public List<Report.Site> top(TraceTables tables, int n) {
        Map<String, long[]> bySite = new LinkedHashMap<>();
        for (Map.Entry<Long, long[]> e : byStack.entrySet()) {
            long[] a = e.getValue();
            long[] s = bySite.computeIfAbsent(site(tables, e.getKey()), k -> new long[3]);
            s[0] += a[0];
            s[1] += a[1];
            s[2] = Math.max(s[2], a[2]);
        }
        List<Report.Site> out = new ArrayList<>();
        bySite.forEach((k, a) -> out.add(new Report.Site(k, a[0], a[1], a[2])));
        out.sort(Comparator.comparingLong(Report.Site::totalNs).reversed().thenComparing(Report.Site::site));
        return List.copyOf(out.subList(0, Math.min(n, out.size())));
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
