package dev.vtrace.export.internal;

import java.util.Arrays;

/**
 * Interned ids by key, for the Perfetto sink's hot path: open addressing, linear probing, no
 * boxing, no allocation per lookup. Keys are strings (compared by identity first, so the
 * timeline's precomputed names cost one hash and one reference compare) or longs (stack ids).
 * 0 means absent: interned ids start at 1.
 */
final class IidTable {
    private String[] strings = new String[1024];
    /** Hash of the string in each slot: probes past other keys compare it and leave their strings untouched. */
    private int[] stringHashes = new int[1024];
    private long[] stringIids = new long[1024];
    private long[] longs = new long[1024];
    private long[] longIids = new long[1024];
    private int stringCount, longCount;

    /** The iid of {@code s}, or 0. */
    long get(String s) {
        int mask = strings.length - 1;
        int h = mix(s.hashCode());
        for (int i = h & mask; ; i = (i + 1) & mask) {
            String k = strings[i];
            if (k == null) {
                return 0;
            }
            if (k == s || stringHashes[i] == h && k.equals(s)) {
                return stringIids[i];
            }
        }
    }

    void put(String s, long iid) {
        if (2 * (stringCount + 1) > strings.length) {
            growStrings();
        }
        int mask = strings.length - 1;
        int h = mix(s.hashCode());
        int i = h & mask;
        while (strings[i] != null) {
            i = (i + 1) & mask;
        }
        strings[i] = s;
        stringHashes[i] = h;
        stringIids[i] = iid;
        stringCount++;
    }

    /** The iid of key {@code k} (not 0), or 0. */
    long get(long k) {
        int mask = longs.length - 1;
        for (int i = mix(Long.hashCode(k)) & mask; ; i = (i + 1) & mask) {
            long v = longs[i];
            if (v == 0) {
                return 0;
            }
            if (v == k) {
                return longIids[i];
            }
        }
    }

    void put(long k, long iid) {
        if (2 * (longCount + 1) > longs.length) {
            growLongs();
        }
        int mask = longs.length - 1;
        int i = mix(Long.hashCode(k)) & mask;
        while (longs[i] != 0) {
            i = (i + 1) & mask;
        }
        longs[i] = k;
        longIids[i] = iid;
        longCount++;
    }

    int size() {
        return stringCount + longCount;
    }

    void clear() {
        Arrays.fill(strings, null);
        Arrays.fill(longs, 0);
        stringCount = longCount = 0;
    }

    private void growStrings() {
        String[] ks = strings;
        long[] vs = stringIids;
        strings = new String[ks.length * 2];
        stringHashes = new int[ks.length * 2];
        stringIids = new long[ks.length * 2];
        stringCount = 0;
        for (int i = 0; i < ks.length; i++) {
            if (ks[i] != null) {
                put(ks[i], vs[i]);
            }
        }
    }

    private void growLongs() {
        long[] ks = longs;
        long[] vs = longIids;
        longs = new long[ks.length * 2];
        longIids = new long[ks.length * 2];
        longCount = 0;
        for (int i = 0; i < ks.length; i++) {
            if (ks[i] != 0) {
                put(ks[i], vs[i]);
            }
        }
    }

    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
