package dev.vtrace.analyzer.internal;

import dev.vtrace.format.EventCodes;
import dev.vtrace.format.EventType;
import dev.vtrace.format.reader.EventRecord;
import java.util.Arrays;

/**
 * Dense slots for the goroutines of the merged stream, handed out on the merge thread and written
 * into each goroutine event's record, so that the state machines on the consumer's thread index
 * their per-G arrays without a lookup of their own (that lookup, a page map probe and a cache miss
 * per event, was the part of the busier thread's work that the merge thread could take over).
 *
 * <p>A G gets a slot at its first event in stream order and gives it back at its GoEnd; the
 * next new G takes the slot given back last. A labelled record's {@link EventRecord#SPARE} word
 * holds the slot in its low 32 bits, {@link #FIRST} when the event is the G's first since it
 * got the slot, and {@link #ENDED} with it when the G had ended before. Damage markers and the
 * events of no G state (P, GC, heap, task, region, log) are left as they are (their spare word
 * means nothing).
 *
 * <p>Written by the merge thread only; {@link #size}, {@link #id} and {@link #live} are for the
 * consumer once the stream ended (the hand-over of the end orders them after the last write).
 */
public final class GSlots {
    /** Label bit: the first event of this G since it got its slot (its state is not known yet). */
    public static final long FIRST = 1L << 32;
    /**
     * Label bit, beside {@link #FIRST}: this G ended earlier in the stream. Thread ids are never
     * reused, so any later event of one is a problem for the state machine to report.
     */
    public static final long ENDED = 1L << 33;
    /**
     * The events the G state machine takes, by code: the ones that get a slot. The stream checks
     * at its construction that these are the codes it has a transition for.
     */
    private static final boolean[] G_EVENT = new boolean[EventType.MAX_CODE + 1];

    static {
        for (int c : new int[] {EventCodes.GO_CREATE, EventCodes.GO_START, EventCodes.GO_BLOCK, EventCodes.GO_UNBLOCK,
            EventCodes.GO_SCHED, EventCodes.GO_END, EventCodes.GO_PINNED_BLOCK, EventCodes.GO_PINNED_UNBLOCK}) {
            G_EVENT[c] = true;
        }
    }

    private final PagedIntMap slotOfId = new PagedIntMap();
    private final IdSet ended = new IdSet();
    private long[] idOfSlot = new long[1024];
    private int[] free = new int[64];
    private int freeCount;
    private int count;

    /** Whether events of this code get a label (the goroutine events the state machine takes). */
    public static boolean labels(int code) {
        return code >= 0 && code < G_EVENT.length && G_EVENT[code];
    }

    /** The slot in a label. */
    public static int slot(long label) {
        return (int) label;
    }

    /** Labels the goroutine events among the records {@code [0, end)} of {@code w} with their slots. */
    void label(long[] w, int end) {
        for (int at = 0; at < end; at += EventRecord.WORDS) {
            long code = w[at + EventRecord.CODE];
            if (code < 0 || code >= G_EVENT.length || !G_EVENT[(int) code]) { // a damage marker's is -1
                continue;
            }
            long g = w[at + EventRecord.ARGS]; // a goroutine event's first argument is its G
            int s = slotOfId.get(g);
            long first = 0;
            if (s < 0) {
                s = add(g);
                first = ended.contains(g) ? FIRST | ENDED : FIRST;
            }
            if (code == EventCodes.GO_END) {
                slotOfId.remove(g);
                release(s);
                ended.add(g);
            }
            w[at + EventRecord.SPARE] = first | s;
        }
    }

    private int add(long g) {
        int s;
        if (freeCount > 0) {
            s = free[--freeCount];
        } else {
            s = count++;
            if (s == idOfSlot.length) {
                idOfSlot = Arrays.copyOf(idOfSlot, s * 2);
            }
        }
        idOfSlot[s] = g;
        slotOfId.put(g, s);
        return s;
    }

    private void release(int s) {
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, freeCount * 2);
        }
        free[freeCount++] = s;
    }

    /** Slots handed out so far: every slot is below this. */
    public int size() {
        return count;
    }

    /** Live goroutines: those seen and not ended. */
    public int live() {
        return slotOfId.size();
    }

    /** Whether slot {@code s} holds a live goroutine. */
    public boolean live(int s) {
        return slotOfId.get(idOfSlot[s]) == s;
    }

    /** The slot of live goroutine {@code g}, or -1. */
    public int slotOf(long g) {
        return slotOfId.get(g);
    }

    /** The goroutine of slot {@code s} (the last one given it). */
    public long id(int s) {
        return idOfSlot[s];
    }
}
