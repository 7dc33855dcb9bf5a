package dev.vtrace.recorder.internal;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class OptionsTest {
    @Test
    void defaults() {
        Options o = Options.parse(null);
        assertEquals("trace.bin", o.file());
        assertEquals(Options.Stacks.NONE, o.stacks());
        assertEquals(64L << 20, o.bufferBytes());
        assertEquals(1_000_000_000L, o.flushNanos());
        assertFalse(o.compress(), "trace record compresses after exit, not the recorded JVM");
    }

    @Test
    void allOptions() {
        Options o = Options.parse("file=/tmp/x.bin,stacks=block,buffer=8m,flush=250ms,compress=true,depth=8");
        assertEquals("/tmp/x.bin", o.file());
        assertEquals(8, o.depth());
        assertEquals(Options.MAX_STACK_FRAMES, Options.parse("").depth());
        assertEquals(Options.Stacks.BLOCK, o.stacks());
        assertEquals(8L << 20, o.bufferBytes());
        assertEquals(250_000_000L, o.flushNanos());
        assertTrue(o.compress());
    }

    @Test
    void badValuesNameTheOptionAndWhatIsAllowed() {
        var e = assertThrows(IllegalArgumentException.class, () -> Options.parse("stacks=some"));
        assertEquals("stacks='some' is not one of none, create, block, all", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Options.parse("flush=5s"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse("buffer=1k"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse("colour=red"));
        assertEquals("depth='0' must be between 1 and 128",
                assertThrows(IllegalArgumentException.class, () -> Options.parse("depth=0")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Options.parse("depth=many"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse("file"));
    }

    @Test
    void percentPIsTheProcessId() {
        assertEquals("trace-4242.bin", Options.parse("file=trace-%p.bin").path(4242));
        assertEquals("/t/4242/a%b-4242", Options.parse("file=/t/%p/a%%b-%p").path(4242));
        assertEquals("plain.bin", Options.parse("file=plain.bin").path(4242));
        var e = assertThrows(IllegalArgumentException.class, () -> Options.parse("file=t-%d.bin"));
        assertTrue(e.getMessage().contains("'%' must be followed by p"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Options.parse("file=t-%"));
    }
}
