package dev.vtrace.samples;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PercentilesAndReportTest {

    @Test
    void nearestRankPercentiles() {
        long[] ns = new long[100];
        for (int i = 0; i < ns.length; i++) {
            ns[i] = (100 - i) * 1_000L; // 100 µs down to 1 µs, deliberately unsorted
        }
        Percentiles p = Percentiles.of(ns);
        assertEquals(1_000L, p.min());
        assertEquals(50_000L, p.at(50));
        assertEquals(99_000L, p.at(99));
        assertEquals(100_000L, p.max());
        assertEquals(7L, Percentiles.of(new long[]{7}).at(99));
    }

    @Test
    void reportPrintsAndParsesKeyValueLines() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new Report().comment("a=not a value").add("count", 3).add("ms", 1.25).add("hex", "ff")
                .print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals("# a=not a value%ncount=3%nms=1.3%nhex=ff%n".formatted(), text);
        assertEquals(Map.of("count", "3", "ms", "1.3", "hex", "ff"), Report.parse(text));
    }
}
