package dev.vtrace.recorder.internal;

import java.util.Locale;

/**
 * The agent's options: {@code file=trace.bin,stacks=create,buffer=64m,flush=1s,compress=true}.
 *
 * @param file where the trace goes (relative to the working directory); {@code %p} stands for the
 *     process id and {@code %%} for a percent sign ({@link #path(long)})
 * @param stacks which events carry a stack
 * @param bufferBytes cap on the memory held in event buffers (filled and being filled)
 * @param batchBytes size of one event buffer (one batch)
 * @param flushNanos longest time an event waits in a partially filled buffer
 * @param compress whether frames are DEFLATE-compressed by the writer thread
 * @param jfr whether pinned blocking inside the VM is taken from a JFR stream ({@link VmPins})
 * @param depth most frames kept per stack (innermost first); each frame walked costs time
 */
public record Options(
        String file, Stacks stacks, long bufferBytes, int batchBytes, long flushNanos, boolean compress, boolean jfr,
        int depth) {

    /** Which events capture the stack of the thread that emits them. */
    public enum Stacks {
        /** No stacks at all. */
        NONE,
        /** GoCreate carries the creating thread's stack (Go's "goroutine analysis" by start location). */
        CREATE,
        /** CREATE plus GoBlock (parks) and GoPinnedBlock carry the blocking stack. */
        BLOCK,
        /** Every event that has a stack argument. */
        ALL;

        boolean create() {
            return this != NONE;
        }

        boolean block() {
            return this == BLOCK || this == ALL;
        }
    }

    public static final String DEFAULT_FILE = "trace.bin";
    public static final Stacks DEFAULT_STACKS = Stacks.NONE; // see docs/recorder.md, "Measured costs"
    public static final long DEFAULT_BUFFER = 64L << 20;
    public static final int DEFAULT_BATCH = 64 << 10;
    public static final long DEFAULT_FLUSH = 1_000_000_000L;

    /** Longest stack kept by default, in frames (innermost first); {@code depth=} changes it. */
    public static final int MAX_STACK_FRAMES = 32;
    /** Largest {@code depth=} accepted. */
    public static final int MAX_DEPTH = 128;

    /**
     * Parses the agent argument string; null or empty gives the defaults.
     *
     * @throws IllegalArgumentException naming the offending option and what is allowed
     */
    public static Options parse(String args) {
        String file = DEFAULT_FILE;
        Stacks stacks = DEFAULT_STACKS;
        long buffer = DEFAULT_BUFFER;
        long flush = DEFAULT_FLUSH;
        boolean compress = false; // docs/recorder.md, "Compression": `trace record` compresses after exit
        boolean jfr = true;
        int depth = MAX_STACK_FRAMES;
        if (args != null && !args.isBlank()) {
            for (String part : args.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("option '" + part + "' is not key=value");
                }
                String key = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String value = part.substring(eq + 1).trim();
                switch (key) {
                    case "file" -> {
                        if (value.isEmpty()) {
                            throw new IllegalArgumentException("file= needs a path");
                        }
                        expand(value, 0); // rejects a bad % sequence now
                        file = value;
                    }
                    case "stacks" -> {
                        try {
                            stacks = Stacks.valueOf(value.toUpperCase(Locale.ROOT));
                        } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException(
                                    "stacks='" + value + "' is not one of none, create, block, all");
                        }
                    }
                    case "buffer" -> {
                        buffer = parseSize(value);
                        if (buffer < 2L * DEFAULT_BATCH) {
                            throw new IllegalArgumentException("buffer='" + value + "' is below the minimum of 128k");
                        }
                    }
                    case "flush" -> {
                        flush = parseDuration(value);
                        if (flush < 10_000_000L || flush > 1_000_000_000L) {
                            throw new IllegalArgumentException("flush='" + value + "' must be between 10ms and 1s");
                        }
                    }
                    case "compress" -> {
                        if (!value.equals("true") && !value.equals("false")) {
                            throw new IllegalArgumentException("compress='" + value + "' is not true or false");
                        }
                        compress = Boolean.parseBoolean(value);
                    }
                    case "jfr" -> {
                        if (!value.equals("true") && !value.equals("false")) {
                            throw new IllegalArgumentException("jfr='" + value + "' is not true or false");
                        }
                        jfr = Boolean.parseBoolean(value);
                    }
                    case "depth" -> {
                        try {
                            depth = Integer.parseInt(value);
                        } catch (NumberFormatException e) {
                            depth = -1;
                        }
                        if (depth < 1 || depth > MAX_DEPTH) {
                            throw new IllegalArgumentException("depth='" + value + "' must be between 1 and " + MAX_DEPTH);
                        }
                    }
                    default -> throw new IllegalArgumentException(
                            "unknown option '" + key + "' (known: file, stacks, depth, buffer, flush, compress, jfr)");
                }
            }
        }
        return new Options(file, stacks, buffer, DEFAULT_BATCH, flush, compress, jfr, depth);
    }

    /**
     * The file name with {@code %p} replaced by {@code pid} and {@code %%} by {@code %}, so that
     * several JVMs started with the same options (by a script) write one file each.
     *
     * @throws IllegalArgumentException for any other {@code %} sequence
     */
    public String path(long pid) {
        return expand(file, pid);
    }

    static String expand(String file, long pid) {
        StringBuilder sb = new StringBuilder(file.length() + 8);
        for (int i = 0; i < file.length(); i++) {
            char c = file.charAt(i);
            if (c != '%') {
                sb.append(c);
                continue;
            }
            char n = i + 1 < file.length() ? file.charAt(i + 1) : 0;
            switch (n) {
                case 'p' -> sb.append(pid);
                case '%' -> sb.append('%');
                default -> throw new IllegalArgumentException(
                        "file='" + file + "': '%' must be followed by p (the process id) or % (a percent sign)");
            }
            i++;
        }
        return sb.toString();
    }

    /** {@code 64m}, {@code 512k}, {@code 1g} or a plain byte count. */
    static long parseSize(String v) {
        String s = v.toLowerCase(Locale.ROOT);
        long mul = 1;
        if (s.endsWith("k")) {
            mul = 1L << 10;
        } else if (s.endsWith("m")) {
            mul = 1L << 20;
        } else if (s.endsWith("g")) {
            mul = 1L << 30;
        }
        if (mul != 1) {
            s = s.substring(0, s.length() - 1);
        }
        try {
            return Math.multiplyExact(Long.parseLong(s), mul);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("size '" + v + "' is not a number with an optional k, m or g");
        }
    }

    /** {@code 1s}, {@code 250ms} or plain milliseconds; returns ns. */
    static long parseDuration(String v) {
        String s = v.toLowerCase(Locale.ROOT);
        long mul = 1_000_000L;
        if (s.endsWith("ms")) {
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("s")) {
            s = s.substring(0, s.length() - 1);
            mul = 1_000_000_000L;
        }
        try {
            return Math.multiplyExact(Long.parseLong(s), mul);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("duration '" + v + "' is not a number with ms or s");
        }
    }

    /** The options as the header records them. */
    @Override
    public String toString() {
        return "file=" + file + ",stacks=" + stacks.name().toLowerCase(Locale.ROOT) + ",buffer=" + bufferBytes
                + ",flush=" + (flushNanos / 1_000_000) + "ms,compress=" + compress + ",jfr=" + jfr
                + (depth == MAX_STACK_FRAMES ? "" : ",depth=" + depth);
    }
}
