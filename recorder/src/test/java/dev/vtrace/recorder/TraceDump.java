package dev.vtrace.recorder;

import java.nio.file.Path;
import java.util.Arrays;

/** Debug aid: prints a trace's events, optionally only those of goroutines whose name contains a word. */
public final class TraceDump {
    public static void main(String[] args) throws Exception {
        RecordedTrace t = RecordedTrace.read(Path.of(args[0]));
        var names = t.names();
        for (var e : t.events) {
            String n = e.type().firstArgIsG() ? names.getOrDefault(e.g(), "?") : "";
            if (args.length > 1 && !n.contains(args[1])) {
                continue;
            }
            System.out.println(e.ts() + " m" + e.m() + " " + e.type() + " " + n + " " + Arrays.toString(e.args()));
        }
        System.out.println("footer: " + t.footer);
    }
}
