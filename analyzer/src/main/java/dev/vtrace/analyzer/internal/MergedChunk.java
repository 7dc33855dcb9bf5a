package dev.vtrace.analyzer.internal;

import dev.vtrace.format.reader.Damage;
import dev.vtrace.format.reader.EventRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * A run of the merged stream, handed from {@link EventMerger}'s thread to the consumer's: events
 * as {@link EventRecord}s in order, and, at the place where the merge found them, damage markers
 * (code {@link #DAMAGE}, the ts word holding the index into {@link #damage()}).
 */
public final class MergedChunk {
    /** Code word of a damage marker; no event code is negative. */
    public static final long DAMAGE = -1;
    /** Events (and markers) per chunk: small enough to stay in the cache between the two threads. */
    static final int CAPACITY = 2048;

    final long[] words = new long[CAPACITY * EventRecord.WORDS];
    int end;
    final List<Damage> damage = new ArrayList<>();

    /** The records, {@code [0, end())}. */
    public long[] words() {
        return words;
    }

    /** Words used. */
    public int end() {
        return end;
    }

    /** The damage of marker {@code i}. */
    public Damage damage(int i) {
        return damage.get(i);
    }

    boolean full() {
        return end == words.length;
    }

    void clear() {
        end = 0;
        damage.clear();
    }

    void addDamage(Damage d) {
        int at = end;
        words[at + EventRecord.TS] = damage.size();
        words[at + EventRecord.CODE] = DAMAGE;
        end = at + EventRecord.WORDS;
        damage.add(d);
    }
}
