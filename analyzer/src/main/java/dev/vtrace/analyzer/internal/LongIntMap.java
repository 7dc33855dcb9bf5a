package dev.vtrace.analyzer.internal;

import java.util.Arrays;

/**
 * An open-addressing map from long keys to int values (linear probing, backward-shift
 * deletion): thread and carrier ids to slots, without boxing. Key and value sit side by side in
 * one array, so a lookup in a table larger than the cache costs one miss, not two. Not thread-safe.
 */
public final class LongIntMap {
    private static final long FREE = -1;

    /** {@code table[2i]} key, {@code table[2i + 1]} value or FREE. */
    private long[] table;
    private int size;
    /** Mask of the entry index (capacity - 1). */
    private int mask;

    public LongIntMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        table = new long[cap * 2];
        fillFree(table);
        mask = cap - 1;
    }

    private static void fillFree(long[] t) {
        for (int i = 1; i < t.length; i += 2) {
            t[i] = FREE;
        }
    }

    private static int hash(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /** The value of {@code k}, or -1 when absent. Values must be ≥ 0. */
    public int get(long k) {
        long[] t = table;
        int m = mask;
        int i = hash(k) & m;
        while (true) {
            long v = t[2 * i + 1];
            if (v == FREE) {
                return -1;
            }
            if (t[2 * i] == k) {
                return (int) v;
            }
            i = (i + 1) & m;
        }
    }

    /** Sets {@code k} to {@code v} (≥ 0). */
    public void put(long k, int v) {
        if (v < 0) {
            throw new IllegalArgumentException("values must be >= 0, got " + v);
        }
        int i = hash(k) & mask;
        while (table[2 * i + 1] != FREE) {
            if (table[2 * i] == k) {
                table[2 * i + 1] = v;
                return;
            }
            i = (i + 1) & mask;
        }
        table[2 * i] = k;
        table[2 * i + 1] = v;
        if (++size * 2 > mask + 1) {
            grow();
        }
    }

    /** Removes {@code k}; returns its value or -1. */
    public int remove(long k) {
        int i = hash(k) & mask;
        while (true) {
            long v = table[2 * i + 1];
            if (v == FREE) {
                return -1;
            }
            if (table[2 * i] == k) {
                shiftBack(i);
                size--;
                return (int) v;
            }
            i = (i + 1) & mask;
        }
    }

    private void shiftBack(int hole) {
        int i = hole;
        while (true) {
            i = (i + 1) & mask;
            if (table[2 * i + 1] == FREE) {
                break;
            }
            int home = hash(table[2 * i]) & mask;
            // move entry i into the hole if its home is not in (hole, i]
            if (((i - home) & mask) >= ((i - hole) & mask)) {
                table[2 * hole] = table[2 * i];
                table[2 * hole + 1] = table[2 * i + 1];
                hole = i;
            }
        }
        table[2 * hole + 1] = FREE;
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        fillFree(table);
        mask = (table.length >> 1) - 1;
        size = 0;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i + 1] != FREE) {
                put(old[i], (int) old[i + 1]);
            }
        }
    }

    public int size() {
        return size;
    }
}
