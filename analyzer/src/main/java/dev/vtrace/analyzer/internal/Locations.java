package dev.vtrace.analyzer.internal;

import dev.vtrace.format.reader.Stack;
import dev.vtrace.format.reader.TraceTables;
import java.util.HashMap;
import java.util.Map;

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

    private TraceTables tables;
    private final Map<Long, String> starts = new HashMap<>();
    private final Map<Long, String> sites = new HashMap<>();
    // Names are not cached by id: most threads have a name of their own ("sleeper-123456"), so a
    // cache would grow with threads; folding one name costs less than a map entry.
    private long lastName = -1;
    private String lastKey;

    /** Binds the tables of the trace being read (call before any lookup). */
    public void tables(TraceTables t) {
        this.tables = t;
        lastStart = -1;
    }

    /** The last stack asked for and its start location: threads are mostly created in runs from one place. */
    private long lastStart = -1;
    private String lastStartLocation;

    /** The start location of a creation stack ({@code unknown} without one). */
    public String startLocation(long stack) {
        if (stack != lastStart) {
            lastStartLocation = starts.computeIfAbsent(stack, s -> startLocation(tables.stack(s)));
            lastStart = stack;
        }
        return lastStartLocation;
    }

    /** The site of a stack, as {@link Sites#site}. */
    public String site(long stack) {
        return sites.computeIfAbsent(stack, s -> Sites.site(tables, s));
    }

    /**
     * When the last key is {@code P*} with a literal prefix P ending in a separator (no '*' in it),
     * P: a name of P and then only ASCII digits has that key too ({@code sleeper-123457} after
     * {@code sleeper-123456}), with no folding and no new string (its hash stays cached for the
     * group lookup). Null when the last key has no such shape.
     */
    private String digitsPrefix;

    /** The name key of a thread name (string id). */
    public String nameKey(long name) {
        if (name != lastName) {
            String s = tables.string(name);
            if (digitsPrefix == null || !prefixThenDigits(s, digitsPrefix)) {
                String k = nameKey(s);
                if (!k.equals(lastKey)) {
                    lastKey = k;
                    digitsPrefix = digitsPrefix(k);
                }
            }
            lastName = name;
        }
        return lastKey;
    }

    static String digitsPrefix(String key) {
        int n = key.length();
        if (n < 2 || key.charAt(n - 1) != '*' || Character.isLetterOrDigit(key.charAt(n - 2))
                || key.indexOf('*') != n - 1) {
            return null;
        }
        return key.substring(0, n - 1);
    }

    static boolean prefixThenDigits(String name, String prefix) {
        int n = name.length();
        int p = prefix.length();
        if (n <= p || !name.startsWith(prefix)) {
            return false;
        }
        for (int i = p; i < n; i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Whether a thread with this name (string id) and creation stack (0 = none) is the JDK's own. */
    public boolean internal(long name, long stack) {
        if (internalName(tables.string(name))) {
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

    /** Whether a thread name is one the JDK gives its own poller threads. */
    static boolean internalName(String n) {
        if (n.startsWith("SubPoller-") && n.length() > 10) {
            for (int i = 10; i < n.length(); i++) {
                if (n.charAt(i) < '0' || n.charAt(i) > '9') {
                    return false;
                }
            }
            return true;
        }
        return n.equals("MasterPoller") || n.equals("Read-Poller") || n.equals("Write-Poller");
    }

    /**
     * {@code net-write-3} → {@code net-write-*}, {@code req-3fa2b19c} → {@code req-*}; "" → {@code (unnamed)}.
     * A word (a run of letters and digits) of 8 or more hex digits with at least one digit and one
     * letter is an id; any other run of digits is a number; each becomes one {@code *}.
     */
    public static String nameKey(String name) {
        if (name == null || name.isEmpty()) {
            return "(unnamed)";
        }
        StringBuilder sb = new StringBuilder(name.length());
        int n = name.length();
        int i = 0;
        while (i < n) {
            char c = name.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                sb.append(c);
                i++;
                continue;
            }
            int end = i;
            boolean hex = true;
            boolean digit = false;
            boolean letter = false;
            while (end < n && Character.isLetterOrDigit(name.charAt(end))) {
                char x = name.charAt(end);
                boolean d = x >= '0' && x <= '9';
                digit |= d;
                letter |= !d;
                hex &= d || x >= 'a' && x <= 'f' || x >= 'A' && x <= 'F';
                end++;
            }
            if (hex && digit && letter && end - i >= 8) {
                sb.append('*');
            } else {
                for (int k = i; k < end; k++) {
                    char x = name.charAt(k);
                    if (x >= '0' && x <= '9') {
                        if (k == i || name.charAt(k - 1) < '0' || name.charAt(k - 1) > '9') {
                            sb.append('*');
                        }
                    } else {
                        sb.append(x);
                    }
                }
            }
            i = end;
        }
        return sb.toString();
    }
}
