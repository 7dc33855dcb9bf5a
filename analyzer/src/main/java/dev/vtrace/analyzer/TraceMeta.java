package dev.vtrace.analyzer;

import dev.vtrace.format.proto.TraceHeader;
import dev.vtrace.format.reader.Damage;
import dev.vtrace.format.reader.TraceTables;
import java.util.List;

/**
 * What is known about a trace before its events are streamed.
 *
 * @param source file name (for reports)
 * @param header the header, or null when its frame was lost
 * @param tables strings and stacks
 * @param startTs first event timestamp (ns after the epoch)
 * @param endTs last event timestamp
 * @param droppedEvents events the recorder reported dropped
 * @param damage damaged places of the file (the stream covers everything else)
 * @param complete whether the trace has a footer (the recording ended cleanly)
 */
public record TraceMeta(
        String source,
        TraceHeader header,
        TraceTables tables,
        long startTs,
        long endTs,
        long droppedEvents,
        List<Damage> damage,
        boolean complete) {}
