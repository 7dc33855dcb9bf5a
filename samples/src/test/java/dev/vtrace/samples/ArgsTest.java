package dev.vtrace.samples;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArgsTest {

    @Test
    void valuesFlagsAndDefaults() {
        Args args = Args.parse(new String[]{"--items=1_000", "--sweep", "--parallelisms=1, 2,4"},
                "items", "workers", "sweep", "parallelisms");
        assertEquals(1000, args.intValue("items", 7, 0));
        assertEquals(7, args.intValue("workers", 7, 0));
        assertTrue(args.flag("sweep"));
        assertEquals(List.of(1, 2, 4), args.intList("parallelisms", List.of()));
        assertFalse(Args.parse(new String[0], "sweep").flag("sweep"));
    }

    @Test
    void mistakesNameTheArgumentAndWhatIsAllowed() {
        assertEquals("unknown option '--itemz'; allowed: --items, --workers",
                message(() -> Args.parse(new String[]{"--itemz=3"}, "items", "workers")));
        assertEquals("expected --key=value, found 'items=3'",
                message(() -> Args.parse(new String[]{"items=3"}, "items")));
        assertEquals("--items takes an integer, found 'many'",
                message(() -> Args.parse(new String[]{"--items=many"}, "items").intValue("items", 1, 0)));
        assertEquals("--items must be at least 1, found 0",
                message(() -> Args.parse(new String[]{"--items=0"}, "items").intValue("items", 1, 1)));
        assertEquals("--sweep takes true or false, found 'yes'",
                message(() -> Args.parse(new String[]{"--sweep=yes"}, "sweep").flag("sweep")));
    }

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }
}
