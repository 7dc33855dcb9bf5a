package dev.vtrace.format.writer;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Assigns trace-wide string ids, from any thread.
 *
 * <p>Looking up a string seen before takes no lock and allocates nothing; a new string takes an
 * id and is queued for the writer thread, which writes it before any batch that may use it
 * (the batch is handed over after the id was taken, so the queue already holds it).
 */
public final class StringTable {
    private final ConcurrentHashMap<String, Long> ids = new ConcurrentHashMap<>();
    private final AtomicLong next = new AtomicLong(1);
    private final ConcurrentLinkedQueue<Entry> pending = new ConcurrentLinkedQueue<>();

    /** A string and its id, waiting to be written. */
    public record Entry(long id, String value) {}

    /** The id of {@code s} (1-based); 0 for null or empty. */
    public long id(String s) {
        if (s == null || s.isEmpty()) {
            return 0;
        }
        Long id = ids.get(s);
        if (id != null) {
            return id;
        }
        return ids.computeIfAbsent(s, this::assign);
    }

    private Long assign(String s) {
        long id = next.getAndIncrement();
        pending.add(new Entry(id, s));
        return id;
    }

    /** Next string not yet written, or null. For the writer thread. */
    Entry pollPending() {
        return pending.poll();
    }

    /** Number of distinct strings so far. */
    public int size() {
        return ids.size();
    }
}
