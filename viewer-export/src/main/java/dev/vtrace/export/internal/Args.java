package dev.vtrace.export.internal;

/**
 * A reusable list of slice/instant arguments (key → number, string or stack id). Sinks read it
 * inside the call that passes it; nobody keeps it.
 */
public final class Args {
    /** Value kinds. */
    public static final byte LONG = 0, STRING = 1, STACK = 2;

    private int n;
    private String[] keys = new String[4];
    private byte[] kinds = new byte[4];
    private long[] longs = new long[4];
    private String[] strings = new String[4];
    /** The key and the string value as {@link InternedName}s when the caller has them (the sink may cache their ids), else null. */
    private InternedName[] keyNames = new InternedName[4];
    private InternedName[] valueNames = new InternedName[4];

    public Args clear() {
        n = 0;
        return this;
    }

    public Args add(String key, long value) {
        int i = slot();
        keys[i] = key;
        kinds[i] = LONG;
        longs[i] = value;
        return this;
    }

    /** Adds a string argument; ignored when the value is null or empty. */
    public Args add(String key, String value) {
        if (value == null || value.isEmpty()) {
            return this;
        }
        int i = slot();
        keys[i] = key;
        kinds[i] = STRING;
        strings[i] = value;
        return this;
    }

    /** {@link #add(String, long)} with a key whose interned id the sink may cache. */
    public Args add(InternedName key, long value) {
        add(key.text, value);
        keyNames[n - 1] = key;
        return this;
    }

    /** {@link #add(String, String)} with a key and a value whose interned ids the sink may cache. */
    public Args add(InternedName key, InternedName value) {
        if (value.text.isEmpty()) {
            return this;
        }
        add(key.text, value.text);
        keyNames[n - 1] = key;
        valueNames[n - 1] = value;
        return this;
    }

    /** Adds a stack (by its trace stack-table id); ignored for 0. */
    public Args stack(String key, long stackId) {
        if (stackId == 0) {
            return this;
        }
        int i = slot();
        keys[i] = key;
        kinds[i] = STACK;
        longs[i] = stackId;
        return this;
    }

    private int slot() {
        if (n == keys.length) {
            keys = java.util.Arrays.copyOf(keys, n * 2);
            kinds = java.util.Arrays.copyOf(kinds, n * 2);
            longs = java.util.Arrays.copyOf(longs, n * 2);
            strings = java.util.Arrays.copyOf(strings, n * 2);
            keyNames = java.util.Arrays.copyOf(keyNames, n * 2);
            valueNames = java.util.Arrays.copyOf(valueNames, n * 2);
        }
        keyNames[n] = null;
        valueNames[n] = null;
        return n++;
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
