package dev.vtrace.format;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/format.md's event table says what {@link EventType} says, row by row. */
class FormatDocTest {
    @Test
    void eventTableMatchesTheCode() throws IOException {
        Path doc = Path.of("..", "docs", "format.md");
        List<String> lines = Files.readAllLines(doc);
        int start = lines.indexOf("<!-- event-table: checked against EventType by FormatDocTest -->");
        assertTrue(start >= 0, "event-table marker missing in " + doc);
        List<String> rows = new ArrayList<>();
        for (int i = start + 3; !lines.get(i).startsWith("<!--"); i++) {
            rows.add(lines.get(i));
        }
        EventType[] types = EventType.values();
        assertEquals(types.length, rows.size(), "rows in docs/format.md vs EventType constants");
        for (int i = 0; i < types.length; i++) {
            String[] cells = rows.get(i).split("\\|");
            EventType t = types[i];
            assertEquals(String.valueOf(t.code()), cells[1].trim(), "code of " + t);
            assertEquals(t.name(), cells[2].trim(), "row " + (i + 1));
            assertEquals(String.join(", ", t.args()), cells[3].trim(), "arguments of " + t);
        }
    }
}
