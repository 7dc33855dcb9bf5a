package dev.vtrace.analyzer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtrace.format.EventCodes;
import dev.vtrace.format.reader.EventRecord;
import org.junit.jupiter.api.Test;

class GSlotsTest {
    private static final long STALE = 0x5a5a5a5aL;

    /** Records of (code, g); every spare word stale, as in a reused chunk. */
    private static long[] records(long[][] events) {
        long[] w = new long[events.length * EventRecord.WORDS];
        for (int i = 0; i < events.length; i++) {
            int at = i * EventRecord.WORDS;
            w[at + EventRecord.TS] = i;
            w[at + EventRecord.CODE] = events[i][0];
            w[at + EventRecord.ARGS] = events[i][1];
            w[at + EventRecord.SPARE] = STALE;
        }
        return w;
    }

    private static long label(long[] w, int i) {
        return w[i * EventRecord.WORDS + EventRecord.SPARE];
    }

    @Test
    void firstEventsGetNewSlotsAndEndedSlotsGoToTheNextNewThreadLastFirst() {
        long[] w = records(new long[][] {
            {EventCodes.GO_CREATE, 100}, // 0: G100 → slot 0, first
            {EventCodes.GO_START, 100},
            {EventCodes.GO_UNBLOCK, 200}, // 2: G200 first seen mid-life → slot 1, first
            {EventCodes.PROC_START, 7}, // 3: not a goroutine event: left alone
            {EventCodes.GO_END, 100}, // 4: slot 0 given back
            {EventCodes.GO_CREATE, 300}, // 5: takes slot 0 again, first
            {MergedChunk.DAMAGE, 0}, // 6: a damage marker: left alone
            {EventCodes.GO_BLOCK, 200}, // 7: G200 again, not first
            {EventCodes.GO_START, 100}, // 8: G100 after its end (a problem for the stream): a new slot, first, ended
        });
        GSlots slots = new GSlots();
        slots.label(w, w.length);
        assertEquals(GSlots.FIRST | 0, label(w, 0));
        assertEquals(0, label(w, 1));
        assertEquals(GSlots.FIRST | 1, label(w, 2));
        assertEquals(STALE, label(w, 3));
        assertEquals(0, label(w, 4));
        assertEquals(GSlots.FIRST | 0, label(w, 5));
        assertEquals(STALE, label(w, 6));
        assertEquals(1, label(w, 7));
        assertEquals(GSlots.FIRST | GSlots.ENDED | 2, label(w, 8));
        assertEquals(3, slots.size());
        assertEquals(3, slots.live());
        assertTrue(slots.live(0));
        assertEquals(300, slots.id(0));
        assertEquals(0, slots.slotOf(300));
        assertEquals(2, slots.slotOf(100));
        assertEquals(-1, slots.slotOf(400));
    }

    @Test
    void labelsCarryOverFromChunkToChunk() {
        GSlots slots = new GSlots();
        long[] a = records(new long[][] {{EventCodes.GO_CREATE, 5}, {EventCodes.GO_START, 5}});
        long[] b = records(new long[][] {{EventCodes.GO_END, 5}, {EventCodes.GO_CREATE, 6}});
        slots.label(a, a.length);
        slots.label(b, b.length);
        assertEquals(0, label(b, 0));
        assertEquals(GSlots.FIRST | 0, label(b, 1));
        assertFalse(slots.live(0) && slots.id(0) == 5);
        assertEquals(1, slots.live());
    }
}
