package dev.vtrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtrace.format.BlockReason;
import dev.vtrace.format.EventType;
import dev.vtrace.format.UnblockKind;
import dev.vtrace.format.writer.EventBuffer;
import dev.vtrace.format.writer.FooterInfo;
import dev.vtrace.format.writer.HeaderInfo;
import dev.vtrace.format.writer.StackTable;
import dev.vtrace.format.writer.StringTable;
import dev.vtrace.format.writer.TraceFileWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trace analyze} and {@code trace goroutine} in-process: exit codes, the JSON schema, the
 * HTML file, and one-line errors for bad input.
 */
class AnalyzeCommandTest {
    @TempDir
    Path dir;


    /**
     * On M1/P1 (times in ns): worker-1 (G10) and worker-2 (G11) are created at 100, each runs
     * 1,000 ns, sleeps 5,000 ns, runs again and ends; stuck-1 (G12) runs at 20,000 and takes from
     * a queue forever. The trace ends at 50,000.
     */
    Path trace() throws IOException {
        Path file = dir.resolve("t.bin");
        StringTable strings = new StringTable();
        try (OutputStream os = Files.newOutputStream(file);
                TraceFileWriter w = new TraceFileWriter(os, false, strings, new StackTable(strings))) {
            w.writeHeader(new HeaderInfo(0, 0, "25", "Temurin", 1, "test", "0.1.0", "host", 1, 1, "stacks=none"));
            EventBuffer b = new EventBuffer(1 << 12);
            b.reset(1, 0);
            b.event2(EventType.PROC_START, 0, 1, 1);
            b.event4(EventType.GO_CREATE, 100, 10, 1, 0, strings.id("worker-1"));
            b.event4(EventType.GO_CREATE, 100, 11, 1, 0, strings.id("worker-2"));
            b.event2(EventType.GO_START, 1_000, 10, 1);
            b.event4(EventType.GO_BLOCK, 2_000, 10, BlockReason.SLEEP.code(), 0, 0);
            b.event2(EventType.GO_START, 2_000, 11, 1);
            b.event4(EventType.GO_BLOCK, 3_000, 11, BlockReason.SLEEP.code(), 0, 0);
            b.event4(EventType.GO_UNBLOCK, 7_000, 10, 0, UnblockKind.TIMEOUT.code(), 0);
            b.event2(EventType.GO_START, 7_000, 10, 1);
            b.event4(EventType.GO_UNBLOCK, 8_000, 11, 0, UnblockKind.TIMEOUT.code(), 0);
            b.event1(EventType.GO_END, 8_000, 10);
            b.event2(EventType.GO_START, 8_000, 11, 1);
            b.event1(EventType.GO_END, 9_000, 11);
            b.event4(EventType.GO_CREATE, 19_000, 12, 1, 0, strings.id("stuck-1"));
            b.event2(EventType.GO_START, 20_000, 12, 1);
            b.event4(EventType.GO_BLOCK, 21_000, 12, BlockReason.QUEUE_TAKE.code(), 0,
                    strings.id("java.util.concurrent.LinkedBlockingQueue"));
            b.event1(EventType.PROC_STOP, 21_000, 1);
            w.writeBatch(b);
            w.writeFooter(new FooterInfo(50_000, 17, 0, 1, 0, "exit"));
        }
        return file;
    }

    @Test
    void textReportExitsZero() throws IOException {
        CliRun.Result r = CliRun.run("analyze", trace().toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("3 threads seen (3 created, 2 ended, 1 alive at the end)"), r.out());
        assertTrue(r.out().matches("(?s).*\\n  sleep +2 +10\\.0 µs .*"), "two sleeps of 5 µs:\n" + r.out());
        assertTrue(r.out().contains("Goroutine analysis, by thread name"), r.out());
        assertTrue(r.out().contains("worker-*"), r.out());
        assertTrue(r.out().contains("1 blocked on queue take on java.util.concurrent.LinkedBlockingQueue, threads stuck-*"), r.out());
    }

    @Test
    void jsonParsesAndHasTheSchema() throws Exception {
        CliRun.Result r = CliRun.run("analyze", trace().toString(), "--json");
        assertEquals(0, r.code(), r.err());
        // the JDK's own JavaScript-free check: a JSON document is valid JSON if a strict parser accepts it
        Object doc = MiniJson.parse(r.out());
        assertTrue(doc instanceof java.util.Map, "a JSON object");
        java.util.Map<?, ?> m = (java.util.Map<?, ?>) doc;
        assertEquals("vtrace.analyze/1", m.get("schema"), "schema");
        assertEquals("thread name", m.get("groupedBy"), "groupedBy");
        java.util.Map<?, ?> summary = (java.util.Map<?, ?>) m.get("summary");
        assertEquals(3L, summary.get("threadsCreated"), "threadsCreated");
        assertEquals(0L, summary.get("problems"), "problems");
        java.util.List<?> reasons = (java.util.List<?>) m.get("blockReasons");
        assertEquals("sleep", ((java.util.Map<?, ?>) reasons.get(0)).get("reason"), "first block reason");
        assertEquals(10_000L, ((java.util.Map<?, ?>) reasons.get(0)).get("totalNs"), "sleep total");
    }

    @Test
    void htmlFileIsWritten() throws IOException {
        Path html = dir.resolve("report.html");
        CliRun.Result r = CliRun.run("analyze", trace().toString(), "--html", html.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().startsWith("wrote " + html), r.err());
        String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>") && page.contains("<svg") && !page.contains("<script"), page);
        assertTrue(page.contains("10.0 µs"), "the sleep total");
    }

    @Test
    void badInputIsExitTwoWithOneLine() throws IOException {
        String t = trace().toString();
        for (String[] args : new String[][] {
            {"analyze", t, "--from", "5"}, {"analyze", t, "--to", "abc"}, {"analyze", t, "--starvation", "1 h"},
            {"analyze", t, "--from", "2ms", "--to", "1ms"}, {"analyze", t, "--top", "0"}}) {
            CliRun.Result r = CliRun.run(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line for " + String.join(" ", args) + ": " + r.err());
            assertTrue(r.out().isEmpty(), "nothing on stdout: " + r.out());
        }
        CliRun.Result r = CliRun.run("analyze", t, "--to", "abc");
        assertTrue(r.err().contains("'abc'"), "the offending value is quoted: " + r.err());
    }

    @Test
    void missingTraceIsAnError() {
        CliRun.Result r = CliRun.run("analyze", dir.resolve("nope.bin").toString());
        assertFalse(r.code() == 0, "exit code " + r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void goroutineShowsOneThreadsLife() throws IOException {
        String t = trace().toString();
        CliRun.Result r = CliRun.run("goroutine", t, "G10");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("sleep"), r.out());
        assertEquals(0, CliRun.run("goroutine", t, "10").code(), "the id without G");
        CliRun.Result bad = CliRun.run("goroutine", t, "ten");
        assertEquals(2, bad.code(), bad.err());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        CliRun.Result unknown = CliRun.run("goroutine", t, "999");
        assertEquals(2, unknown.code(), unknown.err());
        assertTrue(unknown.err().contains("no events of G999"), unknown.err());
    }

    /** A strict, tiny JSON parser (objects, arrays, strings, integers, numbers, true/false/null): fails on anything else. */
    static final class MiniJson {
        private final String s;
        private int i;

        private MiniJson(String s) {
            this.s = s;
        }

        static Object parse(String s) {
            MiniJson p = new MiniJson(s);
            Object v = p.value();
            p.ws();
            if (p.i != s.length()) {
                throw new IllegalArgumentException("trailing text at " + p.i);
            }
            return v;
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private void expect(char c) {
            ws();
            if (i >= s.length() || s.charAt(i) != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + i);
            }
            i++;
        }

        private Object value() {
            ws();
            char c = s.charAt(i);
            if (c == '{') {
                java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
                i++;
                ws();
                if (s.charAt(i) == '}') {
                    i++;
                    return m;
                }
                do {
                    ws();
                    String k = string();
                    expect(':');
                    if (m.put(k, value()) != null) {
                        throw new IllegalArgumentException("duplicate key " + k);
                    }
                    ws();
                } while (s.charAt(i++) == ',');
                if (s.charAt(i - 1) != '}') {
                    throw new IllegalArgumentException("expected '}' at " + (i - 1));
                }
                return m;
            }
            if (c == '[') {
                java.util.List<Object> l = new java.util.ArrayList<>();
                i++;
                ws();
                if (s.charAt(i) == ']') {
                    i++;
                    return l;
                }
                do {
                    l.add(value());
                    ws();
                } while (s.charAt(i++) == ',');
                if (s.charAt(i - 1) != ']') {
                    throw new IllegalArgumentException("expected ']' at " + (i - 1));
                }
                return l;
            }
            if (c == '"') {
                return string();
            }
            for (String lit : new String[] {"true", "false", "null"}) {
                if (s.startsWith(lit, i)) {
                    i += lit.length();
                    return lit.equals("null") ? null : Boolean.valueOf(lit);
                }
            }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            String n = s.substring(start, i);
            if (!n.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
                throw new IllegalArgumentException("bad number '" + n + "' at " + start);
            }
            return n.matches("-?[0-9]+") ? (Object) Long.parseLong(n) : (Object) Double.parseDouble(n);
        }

        private String string() {
            if (s.charAt(i) != '"') {
                throw new IllegalArgumentException("expected a string at " + i);
            }
            StringBuilder b = new StringBuilder();
            i++;
            while (s.charAt(i) != '"') {
                char c = s.charAt(i++);
                if (c < 0x20) {
                    throw new IllegalArgumentException("control character in a string at " + (i - 1));
                }
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case '"', '\\', '/' -> b.append(e);
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> throw new IllegalArgumentException("bad escape at " + (i - 1));
                    }
                } else {
                    b.append(c);
                }
            }
            i++;
            return b.toString();
        }
    }
}
