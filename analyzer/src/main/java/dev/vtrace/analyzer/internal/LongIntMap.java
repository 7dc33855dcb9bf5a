package dev.vtrace.analyzer.internal;

import java.util.Arrays;

/**
 * An open-addressing map from long keys to int values (linear probing, backward-shift
 * deletion): thread and carrier ids to slots, without boxing. Not thread-safe.
 */
public final class LongIntMap {
    private static final int FREE = -1;

    private long[] keys;
    private int[] vals;
    private int size;
    private int mask;

    public LongIntMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[cap];
        vals = new int[cap];
        Arrays.fill(vals, FREE);
        mask = cap - 1;
    }

    private static int hash(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /** The value of {@code k}, or -1 when absent. Values must be ≥ 0. */
    public int get(long k) {
        int i = hash(k) & mask;
        while (true) {
            int v = vals[i];
            if (v == FREE) {
                return -1;
            }
            if (keys[i] == k) {
                return v;
            }
            i = (i + 1) & mask;
        }
    }

    /** Sets {@code k} to {@code v} (≥ 0). */
    public void put(long k, int v) {
        if (v < 0) {
            throw new IllegalArgumentException("values must be >= 0, got " + v);
        }
        int i = hash(k) & mask;
        while (vals[i] != FREE) {
            if (keys[i] == k) {
                vals[i] = v;
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = k;
        vals[i] = v;
        if (++size * 2 > keys.length) {
            grow();
        }
    }

    /** Removes {@code k}; returns its value or -1. */
    public int remove(long k) {
        int i = hash(k) & mask;
        while (true) {
            int v = vals[i];
            if (v == FREE) {
                return -1;
            }
            if (keys[i] == k) {
                shiftBack(i);
                size--;
                return v;
            }
            i = (i + 1) & mask;
        }
    }

    private void shiftBack(int hole) {
        int i = hole;
        while (true) {
            i = (i + 1) & mask;
            if (vals[i] == FREE) {
                break;
            }
            int home = hash(keys[i]) & mask;
            // move entry i into the hole if its home is not in (hole, i]
            if (((i - home) & mask) >= ((i - hole) & mask)) {
                keys[hole] = keys[i];
                vals[hole] = vals[i];
                hole = i;
            }
        }
        vals[hole] = FREE;
    }

    private void grow() {
        long[] ok = keys;
        int[] ov = vals;
        keys = new long[ok.length * 2];
        vals = new int[ok.length * 2];
        Arrays.fill(vals, FREE);
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < ok.length; i++) {
            if (ov[i] != FREE) {
                put(ok[i], ov[i]);
            }
        }
    }

    public int size() {
        return size;
    }
}
