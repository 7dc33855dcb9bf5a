package dev.vtrace.analyzer.internal;

/**
 * A set of non-negative long ids, as bits in 8 KiB pages allocated on demand: thread ids are
 * allocated from one counter, so the ids of a run fill few pages. Not thread-safe.
 */
public final class IdSet {
    private static final int PAGE_BITS = 16; // 65,536 ids per page
    private final LongIntMap pageIndex = new LongIntMap(16);
    private long[][] pages = new long[16][];
    private int pageCount;

    public void add(long id) {
        long key = id >>> PAGE_BITS;
        int i = pageIndex.get(key);
        if (i < 0) {
            if (pageCount == pages.length) {
                pages = java.util.Arrays.copyOf(pages, pageCount * 2);
            }
            i = pageCount++;
            pages[i] = new long[1 << (PAGE_BITS - 6)];
            pageIndex.put(key, i);
        }
        int bit = (int) (id & ((1 << PAGE_BITS) - 1));
        pages[i][bit >>> 6] |= 1L << bit;
    }

    public boolean contains(long id) {
        int i = pageIndex.get(id >>> PAGE_BITS);
        if (i < 0) {
            return false;
        }
        int bit = (int) (id & ((1 << PAGE_BITS) - 1));
        return (pages[i][bit >>> 6] & 1L << bit) != 0;
    }
}
