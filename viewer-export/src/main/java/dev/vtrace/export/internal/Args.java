package dev.vtrace.export.internal;

/**
 * A reusable list of slice/instant arguments (key → number, string or stack id). Sinks read it
 * inside the call that passes it; nobody keeps it.
 *
 * <p>A key, and a string value, may come as an {@link InternedName}, whose interned id the sink
 * may cache. Reference fields are written only when they change: a reference store pays a GC
 * write barrier, and the same arguments come again and again in the same slots.
 */
public final class Args {
    /** Value kinds. */
    public static final byte LONG = 0, STRING = 1, STACK = 2;

    private int n;
    private String[] keys = new String[4];
    private byte[] kinds = new byte[4];
    private long[] longs = new long[4];
    private String[] strings = new String[4];
    private InternedName[] keyNames = new InternedName[4];
    private InternedName[] valueNames = new InternedName[4];

    public Args clear() {
        n = 0;
        return this;
    }

    public Args add(String key, long value) {
        int i = slot(key, LONG, null);
        longs[i] = value;
        return this;
    }

    /** {@link #add(String, long)} with a key whose interned id the sink may cache. */
    public Args add(InternedName key, long value) {
        int i = slot(key.text, LONG, key);
        longs[i] = value;
        return this;
    }

    /** Adds a string argument; ignored when the value is null or empty. */
    public Args add(String key, String value) {
        if (value == null || value.isEmpty()) {
            return this;
        }
        int i = slot(key, STRING, null);
        setString(i, value, null);
        return this;
    }

    /** {@link #add(String, String)} with a key and a value whose interned ids the sink may cache. */
    public Args add(InternedName key, InternedName value) {
        if (value.text.isEmpty()) {
            return this;
        }
        int i = slot(key.text, STRING, key);
        setString(i, value.text, value);
        return this;
    }

    /** Adds a stack (by its trace stack-table id); ignored for 0. */
    public Args stack(String key, long stackId) {
        if (stackId == 0) {
            return this;
        }
        int i = slot(key, STACK, null);
        longs[i] = stackId;
        return this;
    }

    private int slot(String key, byte kind, InternedName keyName) {
        if (n == keys.length) {
            grow();
        }
        int i = n++;
        if (keys[i] != key) {
            keys[i] = key;
        }
        if (keyNames[i] != keyName) {
            keyNames[i] = keyName;
        }
        if (kind != STRING && valueNames[i] != null) {
            valueNames[i] = null;
        }
        kinds[i] = kind;
        return i;
    }

    /** Doubles the room (out of {@link #slot}, which is inlined wherever an argument is added). */
    private void grow() {
        keys = java.util.Arrays.copyOf(keys, n * 2);
        kinds = java.util.Arrays.copyOf(kinds, n * 2);
        longs = java.util.Arrays.copyOf(longs, n * 2);
        strings = java.util.Arrays.copyOf(strings, n * 2);
        keyNames = java.util.Arrays.copyOf(keyNames, n * 2);
        valueNames = java.util.Arrays.copyOf(valueNames, n * 2);
    }

    private void setString(int i, String value, InternedName valueName) {
        if (strings[i] != value) {
            strings[i] = value;
        }
        if (valueNames[i] != valueName) {
            valueNames[i] = valueName;
        }
    }

    public int size() {
        return n;
    }

    public String key(int i) {
        return keys[i];
    }

    public byte kind(int i) {
        return kinds[i];
    }

    /** The number (LONG) or stack id (STACK) of argument {@code i}. */
    public long longValue(int i) {
        return longs[i];
    }

    public String stringValue(int i) {
        return strings[i];
    }

    /** The key of argument {@code i} as an {@link InternedName}, or null when given as a plain string. */
    public InternedName keyName(int i) {
        return keyNames[i];
    }

    /** The string value of argument {@code i} as an {@link InternedName}, or null when given as a plain string. */
    public InternedName valueName(int i) {
        return valueNames[i];
    }
}
