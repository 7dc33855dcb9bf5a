package dev.vtrace.analyzer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LocationsTest {
    /** The shortcut of nameKey(long): a name of the last key's literal prefix and digits has that key. */
    @Test
    void digitsShortcutAgreesWithFolding() {
        List<String> names = List.of("sleeper-1", "sleeper-123456", "sleeper-12a", "sleeper-", "sleeper-١٢",
                "worker12", "worker-3-7", "abcdef-12345678", "req-3fa2b19c", "pool-1-thread-2", "a*-12", "x 9",
                "", "-5", "net write 0042", "Read-Poller", "ForkJoinPool-1-worker-3", "abcdef12", "abc-def12");
        int shortcuts = 0;
        for (String a : names) {
            String prefix = Locations.digitsPrefix(Locations.nameKey(a));
            for (String b : names) {
                if (prefix != null && Locations.prefixThenDigits(b, prefix)) {
                    shortcuts++;
                    assertEquals(Locations.nameKey(a), Locations.nameKey(b), a + " then " + b);
                }
            }
        }
        assertTrue(shortcuts >= 6, "shortcut taken " + shortcuts + " times");
    }
}
