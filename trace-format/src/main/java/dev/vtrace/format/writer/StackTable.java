package dev.vtrace.format.writer;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Deduplicates stacks into trace-wide stack ids, from any thread.
 *
 * <p>A stack is its frames, innermost first. Frame strings go through the {@link StringTable},
 * so the writer can write strings before the stacks that use them.
 */
public final class StackTable {
    private final StringTable strings;
    private final ConcurrentHashMap<Key, Long> ids = new ConcurrentHashMap<>();
    private final AtomicLong next = new AtomicLong(1);
    private final ConcurrentLinkedQueue<Entry> pending = new ConcurrentLinkedQueue<>();

    /**
     * One encoded stack: per frame four values, class, method and file string ids and the line
     * number (0 when unknown).
     */
    public record Entry(long id, long[] frames) {}

    private record Key(StackTraceElement[] frames) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(frames, k.frames);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(frames);
        }
    }

    public StackTable(StringTable strings) {
        this.strings = strings;
    }

    /** The id of this stack (1-based); 0 for null or no frames. The array must not change afterwards. */
    public long id(StackTraceElement[] frames) {
        if (frames == null || frames.length == 0) {
            return 0;
        }
        Key key = new Key(frames);
        Long id = ids.get(key);
        if (id != null) {
            return id;
        }
        return ids.computeIfAbsent(key, this::assign);
    }

    private Long assign(Key key) {
        StackTraceElement[] f = key.frames();
        long[] enc = new long[f.length * 4];
        for (int i = 0; i < f.length; i++) {
            enc[i * 4] = strings.id(f[i].getClassName());
            enc[i * 4 + 1] = strings.id(f[i].getMethodName());
            enc[i * 4 + 2] = strings.id(f[i].getFileName());
            enc[i * 4 + 3] = Math.max(0, f[i].getLineNumber());
        }
        long id = next.getAndIncrement();
        pending.add(new Entry(id, enc));
        return id;
    }

    Entry pollPending() {
        return pending.poll();
    }

    /** Number of distinct stacks so far. */
    public int size() {
        return ids.size();
    }
}
