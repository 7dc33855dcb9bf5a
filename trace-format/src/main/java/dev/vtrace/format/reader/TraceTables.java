package dev.vtrace.format.reader;

import dev.vtrace.format.FormatConstants;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The string and stack tables of a trace, filled from table frames as they are read.
 * Lookups of ids that were never defined (their frame was damaged) give "" and null, so one lost
 * frame costs names, never the analysis.
 */
public final class TraceTables {
    /**
     * Strings by id: ids are handed out by one counter from 1, so a dense array indexed by id
     * (no boxing, no hashing per created thread's name); ids far beyond the count go to a map.
     */
    private String[] dense = new String[256];
    private final Map<Long, String> sparse = new HashMap<>();
    private int stringCount;
    private final Map<Long, long[]> stacks = new HashMap<>();
    private final Map<Long, Stack> resolved = new HashMap<>();
    private final PayloadCursor in = new PayloadCursor();

    /** Adds the entries of a strings or stacks frame; other frames are ignored. */
    public void add(Frame f) throws TraceFormatException {
        if (f.kind() == FormatConstants.KIND_STRINGS) {
            in.reset(f, "strings");
            while (in.hasMore()) {
                long id = in.varint();
                int len = in.count(in.end - in.pos, "string length");
                putString(id, new String(in.b, in.pos, len, StandardCharsets.UTF_8));
                in.pos += len;
            }
        } else if (f.kind() == FormatConstants.KIND_STACKS) {
            in.reset(f, "stacks");
            while (in.hasMore()) {
                long id = in.varint();
                int n = in.count((in.end - in.pos) / 4, "frame count");
                long[] frames = new long[n * 4];
                for (int i = 0; i < frames.length; i++) {
                    frames[i] = in.varint();
                }
                stacks.put(id, frames);
            }
        }
    }

    private void putString(long id, String s) {
        if (id >= 0 && id >= dense.length && id < 2L * (stringCount + 1024)) {
            dense = java.util.Arrays.copyOf(dense, (int) Math.max(id + 1, 2L * dense.length));
        }
        String old;
        if (id >= 0 && id < dense.length) {
            old = dense[(int) id];
            dense[(int) id] = s;
        } else {
            old = sparse.put(id, s);
        }
        if (old == null) {
            stringCount++;
        }
    }

    /** The string with this id; "" for 0 or an id not (or not yet) defined. Never null. */
    public String string(long id) {
        String s = id >= 0 && id < dense.length ? dense[(int) id] : sparse.get(id);
        return s == null ? "" : s;
    }

    /** The stack with this id, or null for 0 or an undefined id. */
    public Stack stack(long id) {
        if (id == 0) {
            return null;
        }
        Stack s = resolved.get(id);
        if (s == null) {
            long[] f = stacks.get(id);
            if (f == null) {
                return null;
            }
            List<Stack.StackFrame> frames = new ArrayList<>(f.length / 4);
            for (int i = 0; i < f.length; i += 4) {
                frames.add(new Stack.StackFrame(string(f[i]), string(f[i + 1]), string(f[i + 2]),
                        (int) Math.min(Integer.MAX_VALUE, f[i + 3])));
            }
            s = new Stack(id, List.copyOf(frames));
            resolved.put(id, s);
        }
        return s;
    }

    /** Number of strings defined. */
    public int stringCount() {
        return stringCount;
    }

    /** Number of stacks defined. */
    public int stackCount() {
        return stacks.size();
    }
}
