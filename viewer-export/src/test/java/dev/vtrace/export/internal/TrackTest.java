package dev.vtrace.export.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A track's stack of open slices, within its inline levels and past them. */
class TrackTest {
    private static Track track() {
        return new Track(8, null, Track.Kind.REGIONS, "regions", "regions", 0, 1);
    }

    @Test
    void deepStacksKeepKindsFlagsAndNames() {
        Track t = track();
        for (int i = 0; i < 20; i++) {
            // alternate kinds and emitted flags, so a level mixed up with its neighbour shows
            t.push(i % 2 == 0 ? Track.REGION : Track.STATE, "r" + i, i % 3 != 0);
        }
        assertEquals(20, t.depth);
        for (int i = 0; i < 20; i++) {
            assertEquals(i % 3 != 0, t.emitted(i), "emitted " + i);
        }
        assertEquals(18, t.find(Track.REGION, null));
        assertEquals(19, t.find(Track.STATE, null));
        assertEquals(10, t.find(Track.REGION, "r10"));
        assertEquals(4, t.find(Track.REGION, "r4"));
        assertEquals(-1, t.find(Track.REGION, "r5"), "r5 is a STATE slice");
        assertEquals("r9", t.name(9), "not emitted: its name is kept for the window start");
        t.setEmitted(9, true);
        t.setEmitted(12, false);
        assertTrue(t.emitted(9));
        assertFalse(t.emitted(12));
        assertEquals(-1, t.find(Track.GC_SLICE, null));
    }

    @Test
    void emittedSlicesOtherThanRegionsKeepNoName() {
        Track t = track();
        t.push(Track.STATE, "running", true);
        t.push(Track.REGION, "work", true);
        assertNull(t.name(0));
        assertEquals("work", t.name(1));
    }

    @Test
    void aLevelReusedAfterAPopStartsClean() {
        Track t = track();
        t.push(Track.RUN, "a", true);
        t.push(Track.PINNED, "b", true);
        t.depth--;
        t.push(Track.CARRIER_BLOCKED, "c", false);
        assertEquals(1, t.find(Track.CARRIER_BLOCKED, null));
        assertEquals(-1, t.find(Track.PINNED, null));
        assertFalse(t.emitted(1));
        assertEquals("c", t.name(1));
    }

    @Test
    void innermostIsLooksAtTheTopLevelOnlyAndIgnoresTheEmittedFlag() {
        Track t = track();
        assertFalse(t.innermostIs(Track.STATE), "nothing open");
        t.push(Track.STATE, "running", true);
        assertTrue(t.innermostIs(Track.STATE));
        t.push(Track.REGION, "work", false);
        assertFalse(t.innermostIs(Track.STATE));
        assertTrue(t.innermostIs(Track.REGION));
    }
}
