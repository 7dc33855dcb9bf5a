package dev.vtrace.analyzer.internal;

import dev.vtrace.format.reader.Stack;
import dev.vtrace.format.reader.TraceTables;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Group keys for threads and sites, each computed once per stack or name id.
 *
 * <ul>
 *   <li><b>start location</b> (a creation stack): the first frame outside the JDK; when every frame
 *       is the JDK's (a thread started by the JDK's HTTP server, an executor...), the first frame
 *       outside {@code java.lang.} and {@code java.util.concurrent.}, which names the JDK component
 *       that started it; else the top frame.
 *   <li><b>name key</b> (no creation stack): the thread name with every run of digits, and every
 *       hex-looking id, folded to {@code *} ({@code net-write-3} → {@code net-write-*});
 *       {@code (unnamed)} for an empty name.
 *   <li><b>JDK internal</b>: the virtual threads the JDK starts for itself. In JDK 25 these are the
 *       I/O sub-pollers of {@code sun.nio.ch.Poller} ({@code SubPoller-N}, virtual when
 *       {@code jdk.pollerMode=2}, the default on Linux); {@code MasterPoller}, {@code Read-Poller} and
 *       {@code Write-Poller} are platform threads there, matched too in case a JDK makes them virtual.
 *       With a creation stack, a thread created from inside {@code sun.nio.ch.Poller} counts as well.
 * </ul>
 */
public final class Locations {
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern HEX_ID = Pattern.compile("\\b(?=[0-9a-fA-F]*[0-9])(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{8,}\\b");
    private static final Pattern INTERNAL_NAME = Pattern.compile("SubPoller-[0-9]+|MasterPoller|Read-Poller|Write-Poller");

    private TraceTables tables;
    private final Map<Long, String> starts = new HashMap<>();
    private final Map<Long, String> sites = new HashMap<>();
    private final Map<Long, String> names = new HashMap<>();
    private final Map<Long, Boolean> internalNames = new HashMap<>();

    /** Binds the tables of the trace being read (call before any lookup). */
    public void tables(TraceTables t) {
        this.tables = t;
    }

    /** The start location of a creation stack ({@code unknown} without one). */
    public String startLocation(long stack) {
        return starts.computeIfAbsent(stack, s -> startLocation(tables.stack(s)));
    }

    /** The site of a stack, as {@link Sites#site}. */
    public String site(long stack) {
        return sites.computeIfAbsent(stack, s -> Sites.site(tables, s));
    }

    /** The name key of a thread name (string id). */
    public String nameKey(long name) {
        return names.computeIfAbsent(name, n -> nameKey(tables.string(n)));
    }

    /** Whether a thread with this name (string id) and creation stack (0 = none) is the JDK's own. */
    public boolean internal(long name, long stack) {
        if (internalNames.computeIfAbsent(name, n -> INTERNAL_NAME.matcher(tables.string(n)).matches())) {
            return true;
        }
        return stack != 0 && startLocation(stack).startsWith("sun.nio.ch.Poller");
    }

    static String startLocation(Stack st) {
        if (st == null || st.frames().isEmpty()) {
            return "unknown";
        }
        for (Stack.StackFrame f : st.frames()) {
            if (!Sites.isJdk(f.className())) {
                return f.toString();
            }
        }
        for (Stack.StackFrame f : st.frames()) {
            String c = f.className();
            if (!c.startsWith("java.lang.") && !c.startsWith("java.util.concurrent.")) {
                return f.toString();
            }
        }
        return st.top().toString();
    }

    /** {@code net-write-3} → {@code net-write-*}, {@code req-3fa2b19c} → {@code req-*}; "" → {@code (unnamed)}. */
    public static String nameKey(String name) {
        if (name == null || name.isEmpty()) {
            return "(unnamed)";
        }
        String s = HEX_ID.matcher(name).replaceAll("*");
        return DIGITS.matcher(s).replaceAll("*");
    }
}
