package dev.vtrace.analyzer.internal;

import java.util.Arrays;

/**
 * A map from long ids to int values (≥ 0) by direct indexing into pages of 1,024 ints, for ids
 * handed out by one counter (thread ids): the live ids of a run crowd into few pages, so a lookup
 * is a page lookup in a small hash map (or the last page again) plus one read in a dense array —
 * where a hash table of a million live threads is a cache miss per lookup. A page whose ids all
 * left is recycled. Memory is 4 KiB per page touched by a live id: fine for counter-allocated ids,
 * wasteful for ids scattered far apart. Not thread-safe.
 */
public final class PagedIntMap {
    private static final int BITS = 10;
    private static final int PAGE = 1 << BITS;
    private static final int MASK = PAGE - 1;

    private final LongIntMap pageIndex = new LongIntMap(16);
    private int[][] pages = new int[16][];
    /** Live entries per page. */
    private int[] live = new int[16];
    private int[] freePages = new int[16];
    private int freeCount;
    private int pageCount;
    private int size;
    /** The page of the last lookup: key (-1 for none; no id maps to it), array and index. */
    private long lastKey = -1;
    private int[] lastPage;
    private int lastIndex;

    /** The index of page {@code key}, or -1; remembered as the last page. */
    private int page(long key) {
        if (key == lastKey) {
            return lastIndex;
        }
        int i = pageIndex.get(key);
        if (i >= 0) {
            lastKey = key;
            lastPage = pages[i];
            lastIndex = i;
        }
        return i;
    }

    /** The value of {@code k}, or -1 when absent. */
    public int get(long k) {
        long key = k >>> BITS;
        int[] p;
        if (key == lastKey) {
            p = lastPage;
        } else {
            int i = pageIndex.get(key);
            if (i < 0) {
                return -1;
            }
            p = pages[i];
            lastKey = key;
            lastPage = p;
            lastIndex = i;
        }
        return p[(int) k & MASK];
    }

    /** Sets {@code k} to {@code v} (≥ 0). */
    public void put(long k, int v) {
        if (v < 0) {
            throw new IllegalArgumentException("values must be >= 0, got " + v);
        }
        long key = k >>> BITS;
        int i = page(key);
        if (i < 0) {
            i = newPage();
            pageIndex.put(key, i);
        }
        int[] p = pages[i];
        int j = (int) k & MASK;
        if (p[j] < 0) {
            size++;
            live[i]++;
        }
        p[j] = v;
    }

    /** Removes {@code k}; returns its value or -1. */
    public int remove(long k) {
        long key = k >>> BITS;
        int i = page(key);
        if (i < 0) {
            return -1;
        }
        int[] p = pages[i];
        int j = (int) k & MASK;
        int v = p[j];
        if (v < 0) {
            return -1;
        }
        p[j] = -1;
        size--;
        if (--live[i] == 0) {
            pageIndex.remove(key);
            if (key == lastKey) {
                lastKey = -1;
                lastPage = null;
            }
            if (freeCount == freePages.length) {
                freePages = Arrays.copyOf(freePages, freeCount * 2);
            }
            freePages[freeCount++] = i;
        }
        return v;
    }

    private int newPage() {
        if (freeCount > 0) {
            return freePages[--freeCount]; // all -1 again: its last entry was removed
        }
        if (pageCount == pages.length) {
            pages = Arrays.copyOf(pages, pageCount * 2);
            live = Arrays.copyOf(live, pageCount * 2);
        }
        int[] p = new int[PAGE];
        Arrays.fill(p, -1);
        pages[pageCount] = p;
        return pageCount++;
    }

    public int size() {
        return size;
    }
}
