package dev.vtrace.export.internal;

import dev.vtrace.format.reader.TraceTables;
import java.io.IOException;

/**
 * Writes the timeline in one format. Calls come in timestamp order, except the begin of a state
 * that was already going on when its thread was first seen (dated back to when it began, or to
 * the window start). Every track is passed to {@link #track} before its first event, parents
 * first; begins and ends on a track are balanced and nest.
 */
public interface Sink {
    /** Once, first; {@code tables} resolve stack ids of {@link Args#STACK} arguments. */
    void start(String processName, long pid, long startTs, TraceTables tables) throws IOException;

    /** Describes a track before its first use. */
    void track(Track t) throws IOException;

    /**
     * Opens a slice. {@code flowIn}: a flow id that ends at this slice, 0 for none.
     */
    void begin(Track t, long ts, String name, Args args, long flowIn) throws IOException;

    /** {@link #begin(Track, long, String, Args, long)} with a name whose interned id the sink may cache. */
    default void begin(Track t, long ts, InternedName name, Args args, long flowIn) throws IOException {
        begin(t, ts, name.text, args, flowIn);
    }

    /** {@link #instant(Track, long, String, Args, long)} with a name whose interned id the sink may cache. */
    default void instant(Track t, long ts, InternedName name, Args args, long flowOut) throws IOException {
        instant(t, ts, name.text, args, flowOut);
    }

    /** Closes the innermost open slice of the track; {@code args} (may be null) are added to it. */
    void end(Track t, long ts, Args args) throws IOException;

    /** A point event. {@code flowOut}: a flow id that starts here, 0 for none. */
    void instant(Track t, long ts, String name, Args args, long flowOut) throws IOException;

    /**
     * New values of some counters at {@code ts}: {@code tracks[i]} is now {@code values[i]} for
     * each bit {@code i} of {@code changed}, in the order of {@code i}. The arrays are the
     * caller's (it keeps changing them): a sink copies what it holds on to.
     */
    void counters(long ts, Track[] tracks, long[] values, int changed) throws IOException;

    /** Once, last: flushes. Does not close the output. */
    void finish(long endTs) throws IOException;

    /** Bytes written to the output so far. */
    long bytesWritten();
}
