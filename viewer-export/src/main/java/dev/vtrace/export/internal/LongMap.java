package dev.vtrace.export.internal;

import java.util.function.Consumer;

/**
 * A map from non-zero long keys (thread ids) to objects: open addressing with linear probing and
 * backward-shift deletion, so the timeline's per-transition lookups neither box nor allocate.
 * Iteration is in slot order: deterministic for a given sequence of operations.
 */
final class LongMap<V> {
    private long[] keys = new long[256];
    private Object[] values = new Object[256];
    private int size;

    @SuppressWarnings("unchecked")
    V get(long k) {
        int mask = keys.length - 1;
        for (int i = slot(k, mask); ; i = (i + 1) & mask) {
            long key = keys[i];
            if (key == k) {
                return (V) values[i];
            }
            if (key == 0) {
                return null;
            }
        }
    }

    boolean containsKey(long k) {
        return get(k) != null;
    }

    void put(long k, V v) {
        if (k == 0) {
            throw new IllegalArgumentException("key 0");
        }
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = slot(k, mask);
        while (keys[i] != 0 && keys[i] != k) {
            i = (i + 1) & mask;
        }
        if (keys[i] == 0) {
            size++;
        }
        keys[i] = k;
        values[i] = v;
    }

    void remove(long k) {
        int mask = keys.length - 1;
        int i = slot(k, mask);
        while (keys[i] != k) {
            if (keys[i] == 0) {
                return;
            }
            i = (i + 1) & mask;
        }
        size--;
        // backward-shift: move later entries of the probe run into the hole
        int hole = i;
        for (int j = (hole + 1) & mask; keys[j] != 0; j = (j + 1) & mask) {
            int home = slot(keys[j], mask);
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        keys[hole] = 0;
        values[hole] = null;
    }

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    void forEachValue(Consumer<V> action) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0) {
                action.accept((V) values[i]);
            }
        }
    }

    private void grow() {
        long[] ks = keys;
        Object[] vs = values;
        keys = new long[ks.length * 2];
        values = new Object[ks.length * 2];
        size = 0;
        for (int i = 0; i < ks.length; i++) {
            if (ks[i] != 0) {
                put(ks[i], LongMap.<V>cast(vs[i]));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }

    private static int slot(long k, int mask) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

}
