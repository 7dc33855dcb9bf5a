package dev.vtrace.export;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Chooses an exporter from an output file name. */
public final class Exporters {
    /** The output formats, by file name ending. */
    public enum Format {
        /** Perfetto native protobuf. */
        PERFETTO(".pftrace", ".perfetto-trace", ".pb"),
        /** Chrome Trace Event Format. */
        JSON(".json"),
        /** Chrome Trace Event Format, gzip-compressed. */
        JSON_GZ(".json.gz"),
        /** Perfetto native protobuf, gzip-compressed (fastest DEFLATE level); the Perfetto UI inflates it. */
        PERFETTO_GZ(".pftrace.gz");

        private final List<String> extensions;

        Format(String... extensions) {
            this.extensions = List.of(extensions);
        }

        /** File name endings of this format, e.g. ".pftrace". */
        public List<String> extensions() {
            return extensions;
        }
    }

    /** All accepted endings, for messages: ".pftrace, .perfetto-trace, .pb, .json, .json.gz, .pftrace.gz". */
    public static final String ALLOWED = ".pftrace, .perfetto-trace, .pb, .json, .json.gz, .pftrace.gz";

    private Exporters() {}

    /**
     * The format of an output file, by its name's ending (case-insensitive).
     *
     * @throws IllegalArgumentException for any other ending, naming the allowed ones
     */
    public static Format formatOf(Path out) {
        String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json.gz")) {
            return Format.JSON_GZ;
        }
        for (Format f : Format.values()) {
            for (String ext : f.extensions()) {
                if (name.endsWith(ext)) {
                    return f;
                }
            }
        }
        throw new IllegalArgumentException("cannot tell the export format of \"" + out + "\": the file name must end in "
                + ALLOWED);
    }

    /**
     * Creates (or truncates) {@code out} and returns the exporter for its format; close it after
     * the stream ran. Parent directories must exist.
     *
     * @throws IllegalArgumentException for an unknown file name ending (nothing is created)
     * @throws IOException if the file cannot be created
     */
    public static Exporter forPath(Path out, ExportOptions options) throws IOException {
        Format format = formatOf(out);
        OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16);
        return switch (format) {
            case PERFETTO -> new PerfettoExporter(os, options, true);
            case PERFETTO_GZ -> new PerfettoExporter(os, options, true, true);
            case JSON -> new ChromeJsonExporter(os, options, false, true);
            case JSON_GZ -> new ChromeJsonExporter(os, options, true, true);
        };
    }
}
