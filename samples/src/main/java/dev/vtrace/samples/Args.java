package dev.vtrace.samples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A sample's {@code --key=value} command-line arguments. Each sample names the keys it accepts, so a
 * typo is an error rather than a silently ignored option; a bare {@code --key} means {@code true}.
 */
final class Args {

    private final Map<String, String> values;

    private Args(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Parses {@code argv} for {@code program}; on a bad argument prints one line to stderr and exits
     * with status 2. Meant for {@code main} only.
     */
    static Args parseOrExit(String program, String[] argv, String... allowedKeys) {
        try {
            return parse(argv, allowedKeys);
        } catch (IllegalArgumentException e) {
            System.err.println(program + ": " + e.getMessage());
            System.exit(2);
            throw new AssertionError("unreachable");
        }
    }

    /** Parses {@code argv}; throws IllegalArgumentException naming the bad argument and what is allowed. */
    static Args parse(String[] argv, String... allowedKeys) {
        Set<String> allowed = new LinkedHashSet<>(Arrays.asList(allowedKeys));
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : argv) {
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException("expected --key=value, found '" + arg + "'");
            }
            int eq = arg.indexOf('=');
            String key = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException("unknown option '--" + key + "'; allowed: "
                        + (allowed.isEmpty() ? "none" : allowed.stream().map(k -> "--" + k).collect(Collectors.joining(", "))));
            }
            values.put(key, eq < 0 ? "true" : arg.substring(eq + 1));
        }
        return new Args(values);
    }

    /** The integer value of {@code --key}, or {@code defaultValue}; must be at least {@code min}. */
    int intValue(String key, int defaultValue, int min) {
        String text = values.get(key);
        if (text == null) {
            return defaultValue;
        }
        int value = parseInt(key, text);
        if (value < min) {
            throw new IllegalArgumentException("--" + key + " must be at least " + min + ", found " + value);
        }
        return value;
    }

    /** True if {@code --key} or {@code --key=true} was given. */
    boolean flag(String key) {
        String text = values.getOrDefault(key, "false");
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("--" + key + " takes true or false, found '" + text + "'");
        };
    }

    /** The comma-separated positive integers of {@code --key}, or {@code defaultValue}. */
    List<Integer> intList(String key, List<Integer> defaultValue) {
        String text = values.get(key);
        if (text == null) {
            return defaultValue;
        }
        List<Integer> list = new ArrayList<>();
        for (String part : text.split(",")) {
            int value = parseInt(key, part.strip());
            if (value < 1) {
                throw new IllegalArgumentException("--" + key + " takes positive integers, found " + value);
            }
            list.add(value);
        }
        return List.copyOf(list);
    }

    private static int parseInt(String key, String text) {
        try {
            return Integer.parseInt(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " takes an integer, found '" + text + "'");
        }
    }
}
