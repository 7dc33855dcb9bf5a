package dev.vtrace.export.internal;

import dev.vtrace.export.internal.perfetto.ClockSnapshot;
import dev.vtrace.export.internal.perfetto.CounterDescriptor;
import dev.vtrace.export.internal.perfetto.DebugAnnotation;
import dev.vtrace.export.internal.perfetto.EventName;
import dev.vtrace.export.internal.perfetto.InternedData;
import dev.vtrace.export.internal.perfetto.InternedString;
import dev.vtrace.export.internal.perfetto.ProcessDescriptor;
import dev.vtrace.export.internal.perfetto.Trace;
import dev.vtrace.export.internal.perfetto.TracePacket;
import dev.vtrace.export.internal.perfetto.TracePacketDefaults;
import dev.vtrace.export.internal.perfetto.TrackDescriptor;
import dev.vtrace.export.internal.perfetto.TrackEvent;
import dev.vtrace.format.reader.TraceTables;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Writes Perfetto's native format: a {@code Trace} message as a stream of field-1 records, each a
 * length-delimited {@code TracePacket}, encoded by hand with the field numbers of the generated
 * classes into one reused buffer (the generated builders allocate several objects per packet).
 *
 * <p>One packet sequence ({@link #SEQUENCE_ID}), opened by a packet that clears the incremental
 * state, sets {@code trace_packet_defaults.timestamp_clock_id} to {@link #CLOCK_INCREMENTAL} and
 * anchors that clock with a {@code ClockSnapshot} (it reads as BOOTTIME, the trace clock, at the
 * same value): from then on each event packet's timestamp is the delta from the previous one
 * (usually 1–2 bytes instead of 5). The one kind of packet that goes back in time (a state
 * already under way when its thread was first seen) carries an absolute BOOTTIME timestamp
 * ({@code timestamp_clock_id} 6) and leaves the incremental clock alone. Every event packet says
 * it needs the incremental state (the clock, and interned data).
 *
 * <p>Event names, argument names and short string values (stacks included, keyed by stack id)
 * are interned, each defined in the {@code interned_data} of the first packet that uses it. Past
 * {@link #INTERN_LIMIT} interned strings the tables are dropped and the sequence is opened again
 * (state cleared, defaults and clock re-anchored), so memory stays bounded on traces with
 * millions of distinct thread names.
 *
 * <p>Counter values handed to {@link #counters} are held until the next event: if it has the same
 * timestamp they ride on it ({@code extra_counter_track_uuids} / {@code extra_counter_values}),
 * else they get a packet of their own first. The timeline hands them over just before the state
 * slice of the transition that changed them, so nearly all ride along.
 */
public final class PerfettoSink implements Sink {
    /** The trusted_packet_sequence_id of every packet. */
    public static final int SEQUENCE_ID = 1;
    /** The sequence-scoped incremental clock that event timestamps are written in. */
    public static final int CLOCK_INCREMENTAL = 64;
    /** Perfetto's builtin BOOTTIME clock, the trace clock: absolute timestamps. */
    public static final int CLOCK_BOOTTIME = 6;
    /** Interned strings kept before the interning tables are reset. */
    static final int INTERN_LIMIT = 1 << 18;
    private static final int STRING_INTERN_MAX_LENGTH = 256;

    private static final int SEQ_INCREMENTAL_STATE_CLEARED =
            TracePacket.SequenceFlags.SEQ_INCREMENTAL_STATE_CLEARED_VALUE;
    private static final int SEQ_NEEDS_INCREMENTAL_STATE = TracePacket.SequenceFlags.SEQ_NEEDS_INCREMENTAL_STATE_VALUE;

    // precomputed tags (varint values) of the fields written on the hot path
    private static final int T_PACKET = PbWriter.tagOf(Trace.PACKET_FIELD_NUMBER, PbWriter.LEN);
    private static final int T_TIMESTAMP = PbWriter.tagOf(TracePacket.TIMESTAMP_FIELD_NUMBER, PbWriter.VARINT);
    private static final int T_CLOCK_ID = PbWriter.tagOf(TracePacket.TIMESTAMP_CLOCK_ID_FIELD_NUMBER, PbWriter.VARINT);
    private static final int T_SEQ_ID = PbWriter.tagOf(TracePacket.TRUSTED_PACKET_SEQUENCE_ID_FIELD_NUMBER, PbWriter.VARINT);
    private static final int T_SEQ_FLAGS = PbWriter.tagOf(TracePacket.SEQUENCE_FLAGS_FIELD_NUMBER, PbWriter.VARINT);
    private static final int T_TRACK_EVENT = PbWriter.tagOf(TracePacket.TRACK_EVENT_FIELD_NUMBER, PbWriter.LEN);
    private static final int T_TYPE = PbWriter.tagOf(TrackEvent.TYPE_FIELD_NUMBER, PbWriter.VARINT);
    private static final int T_TRACK_UUID = PbWriter.tagOf(TrackEvent.TRACK_UUID_FIELD_NUMBER, PbWriter.VARINT);
    private static final int T_NAME_IID = PbWriter.tagOf(TrackEvent.NAME_IID_FIELD_NUMBER, PbWriter.VARINT);
    private static final int T_FLOW_IDS = PbWriter.tagOf(TrackEvent.FLOW_IDS_FIELD_NUMBER, PbWriter.FIXED64);
    private static final int T_TERMINATING_FLOW_IDS =
            PbWriter.tagOf(TrackEvent.TERMINATING_FLOW_IDS_FIELD_NUMBER, PbWriter.FIXED64);
    private static final int T_EXTRA_COUNTER_UUIDS =
            PbWriter.tagOf(TrackEvent.EXTRA_COUNTER_TRACK_UUIDS_FIELD_NUMBER, PbWriter.VARINT);
    private static final int T_EXTRA_COUNTER_VALUES =
            PbWriter.tagOf(TrackEvent.EXTRA_COUNTER_VALUES_FIELD_NUMBER, PbWriter.VARINT);
    private static final int T_DEBUG_ANNOTATION = PbWriter.tagOf(TrackEvent.DEBUG_ANNOTATIONS_FIELD_NUMBER, PbWriter.LEN);
    private static final int T_DA_NAME_IID = PbWriter.tagOf(DebugAnnotation.NAME_IID_FIELD_NUMBER, PbWriter.VARINT);
    private static final int T_DA_INT = PbWriter.tagOf(DebugAnnotation.INT_VALUE_FIELD_NUMBER, PbWriter.VARINT);
    private static final int T_DA_STRING_IID =
            PbWriter.tagOf(DebugAnnotation.STRING_VALUE_IID_FIELD_NUMBER, PbWriter.VARINT);
    /** Sequence id and flags of every event packet, encoded. */
    private static final byte[] SEQ_AND_FLAGS;
    /** The same four bytes, as one little-endian int store. */
    private static final int SEQ_AND_FLAGS_INT;
    /**
     * Eight bytes that follow the timestamp in every event packet, as one little-endian long:
     * sequence id and flags, the track event's tag, a 0 for its length (set when it ends), the
     * type's tag; the type (one byte, below 0x80) goes in the top byte.
     */
    private static final long SEQ_TRACK_EVENT_TYPE;

    static {
        PbWriter t = new PbWriter();
        t.varintField(TracePacket.TRUSTED_PACKET_SEQUENCE_ID_FIELD_NUMBER, SEQUENCE_ID);
        t.varintField(TracePacket.SEQUENCE_FLAGS_FIELD_NUMBER,
                TracePacket.SequenceFlags.SEQ_NEEDS_INCREMENTAL_STATE_VALUE);
        SEQ_AND_FLAGS = Arrays.copyOf(t.buf, t.pos);
        if (SEQ_AND_FLAGS.length != 4) {
            throw new AssertionError("sequence id and flags: " + SEQ_AND_FLAGS.length + " bytes, not 4");
        }
        SEQ_AND_FLAGS_INT = PbWriter.getInt(SEQ_AND_FLAGS, 0);
        SEQ_TRACK_EVENT_TYPE = (SEQ_AND_FLAGS_INT & 0xFFFFFFFFL) | (long) T_TRACK_EVENT << 32 | (long) T_TYPE << 48;
        // written as one byte each
        for (int tag : new int[] {T_PACKET, T_TIMESTAMP, T_TRACK_EVENT, T_TYPE, T_TRACK_UUID, T_NAME_IID,
            T_EXTRA_COUNTER_VALUES, T_DEBUG_ANNOTATION, T_DA_NAME_IID}) {
            if (tag >= 0x80) {
                throw new AssertionError("two-byte tag " + tag);
            }
        }
    }

    private final OutputStream out;
    private final PbWriter w = new PbWriter();
    private TraceTables tables;
    private long bytes;

    /** Interned ids of event names, argument names and string values (one iid space), and stacks. */
    private final IidTable names = new IidTable();
    private final IidTable argNames = new IidTable();
    private final IidTable strings = new IidTable();
    private long nextIid = 1;
    /** Source of interning epochs, unique across sinks: an {@link InternedName}'s cached iid is valid only in its epoch. */
    private static final java.util.concurrent.atomic.AtomicLong EPOCHS = new java.util.concurrent.atomic.AtomicLong();
    private long epoch = EPOCHS.incrementAndGet();
    /** Whether the sequence must be (re)opened before the next event packet. */
    private boolean reopen = true;
    /** The incremental clock's value: the timestamp of the last packet written on it. */
    private long clockTs;

    // interning scratch for one packet
    private String newName;
    private long newNameIid;
    private String[] newArgNames = new String[8];
    private long[] newArgNameIids = new long[8];
    private int newArgNameCount;
    private String[] newStrings = new String[8];
    private long[] newStringIids = new long[8];
    private int newStringCount;
    private long[] argNameIid = new long[8];
    private long[] argValueIid = new long[8];

    // counter values waiting for the next event
    // (uuids, not tracks: primitive stores, which need no GC write barrier)
    private long[] pendingUuids = new long[8];
    private long[] pendingValues = new long[8];
    private int pendingCount;
    private long pendingTs;
    /** The counter tracks array the timeline hands over (always the same one), and their uuids by index. */
    private Track[] uuidsOf;
    private long[] counterUuids;

    public PerfettoSink(OutputStream out) {
        this.out = out;
    }

    @Override
    public void start(String processName, long pid, long startTs, TraceTables tables) {
        this.tables = tables;
        this.clockTs = Math.max(0, startTs);
        openSequence();
    }

    @Override
    public void track(Track t) throws IOException {
        int packet = w.beginMessage(Trace.PACKET_FIELD_NUMBER);
        w.varintField(TracePacket.TRUSTED_PACKET_SEQUENCE_ID_FIELD_NUMBER, SEQUENCE_ID);
        int td = w.beginMessage(TracePacket.TRACK_DESCRIPTOR_FIELD_NUMBER);
        w.varintField(TrackDescriptor.UUID_FIELD_NUMBER, t.uuid);
        switch (t.kind) {
            case PROCESS -> {
                int pd = w.beginMessage(TrackDescriptor.PROCESS_FIELD_NUMBER);
                w.varintField(ProcessDescriptor.PID_FIELD_NUMBER, (int) t.id);
                w.stringField(ProcessDescriptor.PROCESS_NAME_FIELD_NUMBER, t.name);
                w.endMessage(pd);
                w.varintField(TrackDescriptor.CHILD_ORDERING_FIELD_NUMBER,
                        TrackDescriptor.ChildTracksOrdering.EXPLICIT_VALUE);
            }
            case COUNTER, COUNTER_BYTES -> {
                w.varintField(TrackDescriptor.PARENT_UUID_FIELD_NUMBER, t.parent.uuid);
                w.stringField(TrackDescriptor.NAME_FIELD_NUMBER, t.name);
                int cd = w.beginMessage(TrackDescriptor.COUNTER_FIELD_NUMBER);
                w.varintField(CounterDescriptor.UNIT_FIELD_NUMBER, t.kind == Track.Kind.COUNTER
                        ? CounterDescriptor.Unit.UNIT_COUNT_VALUE
                        : CounterDescriptor.Unit.UNIT_SIZE_BYTES_VALUE);
                w.endMessage(cd);
                w.varintField(TrackDescriptor.SIBLING_ORDER_RANK_FIELD_NUMBER, t.rank);
            }
            default -> {
                w.varintField(TrackDescriptor.PARENT_UUID_FIELD_NUMBER, t.parent.uuid);
                w.stringField(TrackDescriptor.NAME_FIELD_NUMBER, t.name);
                if (t.kind == Track.Kind.GROUP) {
                    w.varintField(TrackDescriptor.CHILD_ORDERING_FIELD_NUMBER,
                            TrackDescriptor.ChildTracksOrdering.EXPLICIT_VALUE);
                }
                w.varintField(TrackDescriptor.SIBLING_ORDER_RANK_FIELD_NUMBER, t.rank);
                if (t.kind != Track.Kind.TASK) {
                    // Tasks of one name share a track (multiplexed); everything else stands alone.
                    w.varintField(TrackDescriptor.SIBLING_MERGE_BEHAVIOR_FIELD_NUMBER,
                            TrackDescriptor.SiblingMergeBehavior.SIBLING_MERGE_BEHAVIOR_NONE_VALUE);
                }
            }
        }
        w.endMessage(td);
        w.endMessage(packet);
        maybeDrain();
    }

    @Override
    public void begin(Track t, long ts, String name, Args args, long flowIn) throws IOException {
        event(t, ts, TrackEvent.Type.TYPE_SLICE_BEGIN_VALUE, name, null, args, 0, flowIn);
    }

    @Override
    public void begin(Track t, long ts, InternedName name, Args args, long flowIn) throws IOException {
        if (quickEvent(t, ts, TrackEvent.Type.TYPE_SLICE_BEGIN_VALUE, name, args, 0, flowIn)) {
            return;
        }
        event(t, ts, TrackEvent.Type.TYPE_SLICE_BEGIN_VALUE, name.text, name, args, 0, flowIn);
    }

    @Override
    public void instant(Track t, long ts, InternedName name, Args args, long flowOut) throws IOException {
        if (quickEvent(t, ts, TrackEvent.Type.TYPE_INSTANT_VALUE, name, args, flowOut, 0)) {
            return;
        }
        event(t, ts, TrackEvent.Type.TYPE_INSTANT_VALUE, name.text, name, args, flowOut, 0);
    }

    @Override
    public void end(Track t, long ts, Args args) throws IOException {
        if (args != null && args.size() > 0) {
            event(t, ts, TrackEvent.Type.TYPE_SLICE_END_VALUE, null, null, args, 0, 0);
            return;
        }
        // the most frequent packet, and the simplest: nothing to intern
        prepare(ts);
        quickPacket(t, ts, TrackEvent.Type.TYPE_SLICE_END_VALUE, 0, 0, 0, null, 0);
    }

    @Override
    public void instant(Track t, long ts, String name, Args args, long flowOut) throws IOException {
        event(t, ts, TrackEvent.Type.TYPE_INSTANT_VALUE, name, null, args, flowOut, 0);
    }

    @Override
    public void counters(long ts, Track[] tracks, long[] values, int changed) throws IOException {
        if (pendingCount > 0 && pendingTs != ts) {
            writePendingCounters();
        }
        pendingTs = ts;
        if (pendingCount == 0 && tracks == uuidsOf && Integer.bitCount(changed) <= pendingUuids.length) {
            // the usual case: nothing held, and the uuids of these tracks known without reading them
            int n = 0;
            for (int m = changed; m != 0; m &= m - 1) {
                int i = Integer.numberOfTrailingZeros(m);
                pendingUuids[n] = counterUuids[i];
                pendingValues[n++] = values[i];
            }
            pendingCount = n;
            return;
        }
        holdCounters(tracks, values, changed);
    }

    /** {@link #counters} when some are held already, or the tracks are new: merged by uuid. */
    private void holdCounters(Track[] tracks, long[] values, int changed) {
        if (uuidsOf == null) {
            // the timeline hands over the same array every time: read its uuids once
            uuidsOf = tracks;
            counterUuids = new long[tracks.length];
            for (int i = 0; i < tracks.length; i++) {
                counterUuids[i] = tracks[i] == null ? 0 : tracks[i].uuid;
            }
        }
        for (int m = changed; m != 0; m &= m - 1) {
            int i = Integer.numberOfTrailingZeros(m);
            int j = 0;
            while (j < pendingCount && pendingUuids[j] != tracks[i].uuid) {
                j++;
            }
            if (j == pendingCount) {
                if (j == pendingUuids.length) {
                    pendingUuids = Arrays.copyOf(pendingUuids, 2 * j);
                    pendingValues = Arrays.copyOf(pendingValues, 2 * j);
                }
                pendingUuids[j] = tracks[i].uuid;
                pendingCount++;
            }
            pendingValues[j] = values[i];
        }
    }

    @Override
    public void finish(long endTs) throws IOException {
        if (pendingCount > 0) {
            writePendingCounters();
        }
        bytes += w.pos;
        w.drainTo(out);
        out.flush();
    }

    @Override
    public long bytesWritten() {
        return bytes + w.pos;
    }

    // ---------------------------------------------------------------- encoding

    /** Opens (or reopens) the sequence: clears the state, sets the defaults, anchors the clock at {@link #clockTs}. */
    private void openSequence() {
        reopen = false;
        int packet = w.beginMessage(Trace.PACKET_FIELD_NUMBER);
        w.varintField(TracePacket.TRUSTED_PACKET_SEQUENCE_ID_FIELD_NUMBER, SEQUENCE_ID);
        w.varintField(TracePacket.SEQUENCE_FLAGS_FIELD_NUMBER, SEQ_INCREMENTAL_STATE_CLEARED);
        int defaults = w.beginMessage(TracePacket.TRACE_PACKET_DEFAULTS_FIELD_NUMBER);
        w.varintField(TracePacketDefaults.TIMESTAMP_CLOCK_ID_FIELD_NUMBER, CLOCK_INCREMENTAL);
        w.endMessage(defaults);
        int snapshot = w.beginMessage(TracePacket.CLOCK_SNAPSHOT_FIELD_NUMBER);
        int c = w.beginMessage(ClockSnapshot.CLOCKS_FIELD_NUMBER);
        w.varintField(ClockSnapshot.Clock.CLOCK_ID_FIELD_NUMBER, CLOCK_INCREMENTAL);
        w.varintField(ClockSnapshot.Clock.TIMESTAMP_FIELD_NUMBER, clockTs);
        w.varintField(ClockSnapshot.Clock.IS_INCREMENTAL_FIELD_NUMBER, 1);
        w.endMessage(c);
        c = w.beginMessage(ClockSnapshot.CLOCKS_FIELD_NUMBER);
        w.varintField(ClockSnapshot.Clock.CLOCK_ID_FIELD_NUMBER, CLOCK_BOOTTIME);
        w.varintField(ClockSnapshot.Clock.TIMESTAMP_FIELD_NUMBER, clockTs);
        w.endMessage(c);
        w.endMessage(snapshot);
        w.endMessage(packet);
    }

    /** Room for an event packet's head and its track event's head ({@link #beginEventPacket}, {@link #beginTrackEvent}). */
    private static final int HEADS_ROOM = 112;
    /** Room per pending counter ({@link #putExtraCounters}): 2 tags, 2 varints of at most 10 bytes. */
    private static final int COUNTER_ROOM = 24;

    /**
     * Opens an event packet: framing, timestamp, sequence id and flags; returns the packet's
     * length mark. ({@link #quickPacket} writes the same bytes its own way.)
     */
    private int beginEventPacket(long ts) {
        // room for this and for the track event's fixed part (beginTrackEvent): one check
        w.ensure(HEADS_ROOM + COUNTER_ROOM * pendingCount);
        byte[] b = w.buf;
        int p = w.pos;
        b[p++] = (byte) T_PACKET;
        int packet = p++;
        b[p++] = (byte) T_TIMESTAMP;
        if (ts >= clockTs) {
            p = PbWriter.putVarint(b, p, ts - clockTs);
            clockTs = ts;
        } else {
            p = PbWriter.putVarint(b, p, ts);
            p = PbWriter.putVarint(b, p, T_CLOCK_ID);
            p = PbWriter.putVarint(b, p, CLOCK_BOOTTIME);
        }
        w.pos = PbWriter.putInt(b, p, SEQ_AND_FLAGS_INT);
        return packet;
    }

    private void writePendingCounters() throws IOException {
        if (reopen) {
            openSequence();
        }
        int packet = beginEventPacket(pendingTs);
        w.ensure(40 + 24 * pendingCount);
        int te = w.uBeginMessage(TracePacket.TRACK_EVENT_FIELD_NUMBER);
        w.uVarintField(TrackEvent.TYPE_FIELD_NUMBER, TrackEvent.Type.TYPE_COUNTER_VALUE);
        w.uVarintField(TrackEvent.TRACK_UUID_FIELD_NUMBER, pendingUuids[0]);
        w.uVarintField(TrackEvent.COUNTER_VALUE_FIELD_NUMBER, pendingValues[0]);
        extraCounters(1);
        w.endMessage(te);
        w.endMessage(packet);
        maybeDrain();
    }

    /** Writes pending counters from index {@code from} as extra counters of the current event; none are left pending. */
    private void extraCounters(int from) {
        w.pos = putExtraCounters(w.buf, w.pos, from);
    }

    /**
     * {@link #extraCounters} at {@code b[p]} ({@link #COUNTER_ROOM} per counter made by the
     * caller); returns the position after them.
     */
    private int putExtraCounters(byte[] b, int p, int from) {
        for (int i = from; i < pendingCount; i++) {
            p = PbWriter.putVarint(b, p, T_EXTRA_COUNTER_UUIDS);
            p = PbWriter.putVarint(b, p, pendingUuids[i]);
        }
        for (int i = from; i < pendingCount; i++) {
            b[p++] = (byte) T_EXTRA_COUNTER_VALUES;
            p = PbWriter.putVarint(b, p, pendingValues[i]);
        }
        pendingCount = 0;
        return p;
    }

    /**
     * Before an event packet at {@code ts}: writes counters pending at another timestamp, restarts
     * the interning tables past {@link #INTERN_LIMIT}, (re)opens the sequence if needed.
     */
    private void prepare(long ts) throws IOException {
        // one test on the usual path, small enough to be inlined into every event's path
        if (pendingCount > 0 && pendingTs != ts || nextIid > INTERN_LIMIT + 1 || reopen) {
            prepareSlow(ts);
        }
    }

    private void prepareSlow(long ts) throws IOException {
        if (pendingCount > 0 && pendingTs != ts) {
            writePendingCounters();
        }
        if (nextIid > INTERN_LIMIT + 1) { // nextIid - 1 strings are interned
            names.clear();
            strings.clear();
            argNames.clear();
            nextIid = 1;
            epoch = EPOCHS.incrementAndGet();
            reopen = true;
        }
        if (reopen) {
            openSequence();
        }
    }

    /** Any event; {@code cached}: the name as an {@link InternedName} (its iid cache used and filled), else null. */
    private void event(Track t, long ts, int type, String name, InternedName cached, Args args, long flowOut,
            long flowIn) throws IOException {
        prepare(ts);
        // 1. intern: find the strings this packet uses for the first time
        newName = null;
        newArgNameCount = 0;
        newStringCount = 0;
        long nameIid = 0;
        if (cached != null && cached.epoch == epoch) {
            nameIid = cached.iid;
        } else if (name != null) {
            nameIid = names.get(name);
            if (nameIid == 0) {
                nameIid = nextIid++;
                names.put(name, nameIid);
                newName = name;
                newNameIid = nameIid;
            }
            if (cached != null) {
                cached.iid = nameIid;
                cached.epoch = epoch;
            }
        }
        int nargs = args == null ? 0 : args.size();
        if (nargs > argNameIid.length) {
            argNameIid = new long[nargs];
            argValueIid = new long[nargs];
            newArgNames = new String[nargs];
            newArgNameIids = new long[nargs];
            newStrings = new String[nargs];
            newStringIids = new long[nargs];
        }
        for (int i = 0; i < nargs; i++) {
            InternedName keyName = args.keyName(i);
            long iid;
            if (keyName != null && keyName.epoch == epoch) {
                iid = keyName.iid;
            } else {
                String key = args.key(i);
                iid = argNames.get(key);
                if (iid == 0) {
                    iid = nextIid++;
                    argNames.put(key, iid);
                    newArgNames[newArgNameCount] = key;
                    newArgNameIids[newArgNameCount++] = iid;
                }
                if (keyName != null) {
                    keyName.iid = iid;
                    keyName.epoch = epoch;
                }
            }
            argNameIid[i] = iid;
            argValueIid[i] = 0;
            InternedName valueName = args.valueName(i);
            if (valueName != null && valueName.epoch == epoch) {
                argValueIid[i] = valueName.iid;
            } else if (args.kind(i) == Args.STRING && args.stringValue(i).length() <= STRING_INTERN_MAX_LENGTH) {
                String v = args.stringValue(i);
                iid = strings.get(v);
                if (iid == 0) {
                    iid = nextIid++;
                    strings.put(v, iid);
                    newStrings[newStringCount] = v;
                    newStringIids[newStringCount++] = iid;
                }
                argValueIid[i] = iid;
                if (valueName != null) {
                    valueName.iid = iid;
                    valueName.epoch = epoch;
                }
            } else if (args.kind(i) == Args.STACK) {
                long stack = args.longValue(i);
                iid = strings.get(stack);
                if (iid == 0) {
                    iid = nextIid++;
                    strings.put(stack, iid);
                    newStrings[newStringCount] = StackText.of(tables, stack);
                    newStringIids[newStringCount++] = iid;
                }
                argValueIid[i] = iid;
            }
        }

        // 2. the packet
        int packet = beginEventPacket(ts);
        if (newName != null || newArgNameCount > 0 || newStringCount > 0) {
            int id = w.beginMessage(TracePacket.INTERNED_DATA_FIELD_NUMBER);
            if (newName != null) {
                int en = w.beginMessage(InternedData.EVENT_NAMES_FIELD_NUMBER);
                w.varintField(EventName.IID_FIELD_NUMBER, newNameIid);
                w.stringField(EventName.NAME_FIELD_NUMBER, newName);
                w.endMessage(en);
            }
            for (int i = 0; i < newArgNameCount; i++) {
                int an = w.beginMessage(InternedData.DEBUG_ANNOTATION_NAMES_FIELD_NUMBER);
                w.varintField(1, newArgNameIids[i]);
                w.stringField(2, newArgNames[i]);
                w.endMessage(an);
            }
            for (int i = 0; i < newStringCount; i++) {
                int sv = w.beginMessage(InternedData.DEBUG_ANNOTATION_STRING_VALUES_FIELD_NUMBER);
                w.varintField(InternedString.IID_FIELD_NUMBER, newStringIids[i]);
                w.stringField(InternedString.STR_FIELD_NUMBER, newStrings[i]);
                w.endMessage(sv);
            }
            w.endMessage(id);
        }
        w.ensure(HEADS_ROOM + COUNTER_ROOM * pendingCount); // the interned data may have used the room beginEventPacket made
        int te = beginTrackEvent(t, type, nameIid, flowOut, flowIn);
        // every field below is at most 2 bytes of tag and 10 of value
        w.ensure(64 + 40 * nargs);
        byte[] b;
        int p;
        for (int i = 0; i < nargs; i++) {
            b = w.buf;
            p = w.pos;
            b[p++] = (byte) T_DEBUG_ANNOTATION;
            int da = p++;
            b[p++] = (byte) T_DA_NAME_IID;
            p = PbWriter.putVarint(b, p, argNameIid[i]);
            if (args.kind(i) == Args.LONG) {
                p = PbWriter.putVarint(b, p, T_DA_INT);
                p = PbWriter.putVarint(b, p, args.longValue(i));
                b[da] = (byte) (p - da - 1);
                w.pos = p;
            } else if (argValueIid[i] != 0) {
                p = PbWriter.putVarint(b, p, T_DA_STRING_IID);
                p = PbWriter.putVarint(b, p, argValueIid[i]);
                b[da] = (byte) (p - da - 1);
                w.pos = p;
            } else {
                w.pos = p;
                w.stringField(DebugAnnotation.STRING_VALUE_FIELD_NUMBER, args.stringValue(i));
                w.endMessage(da);
                w.ensure(64 + 40 * nargs); // room again for the unchecked writes
            }
        }
        w.endMessage(te);
        w.endMessage(packet);
        maybeDrain();
    }

    /**
     * Writes the start of the packet's track event: type, track, name, flows and the pending
     * counters; returns its length mark. The caller adds what else it has and ends it.
     */
    private int beginTrackEvent(Track t, int type, long nameIid, long flowOut, long flowIn) {
        // every field here is at most 2 bytes of tag and 10 of value; beginEventPacket made room
        byte[] b = w.buf;
        int p = w.pos;
        b[p++] = (byte) T_TRACK_EVENT;
        int te = p++;
        b[p++] = (byte) T_TYPE;
        b[p++] = (byte) type;
        b[p++] = (byte) T_TRACK_UUID;
        p = PbWriter.putVarint(b, p, t.uuid);
        if (nameIid != 0) {
            b[p++] = (byte) T_NAME_IID;
            p = PbWriter.putVarint(b, p, nameIid);
        }
        if (flowOut != 0) {
            p = PbWriter.putVarint(b, p, T_FLOW_IDS);
            p = PbWriter.putFixed64(b, p, flowOut);
        }
        if (flowIn != 0) {
            p = PbWriter.putVarint(b, p, T_TERMINATING_FLOW_IDS);
            p = PbWriter.putFixed64(b, p, flowIn);
        }
        w.pos = p;
        if (pendingCount > 0) {
            extraCounters(0);
        }
        return te;
    }

    /**
     * An event whose name's interned id is cached for this epoch, without arguments or with
     * arguments whose ids are cached too ({@link #cachedArgs}): written without the interning
     * path (runs on carriers, wake-up markers, state slices without stacks). Returns
     * false, having written nothing, when that does not apply.
     */
    private boolean quickEvent(Track t, long ts, int type, InternedName name, Args args, long flowOut, long flowIn)
            throws IOException {
        int nargs = args == null ? 0 : args.size();
        prepare(ts); // may restart the tables, so the epoch is checked after it
        return name.epoch == epoch && quickPacket(t, ts, type, name.iid, flowOut, flowIn, args, nargs);
    }

    /**
     * A whole event packet without interned data, in one call after one buffer check, its
     * positions in locals: head, track event head, the pending counters, {@code nargs}
     * arguments (args null when none). The caller has called {@link #prepare}. The same bytes as
     * {@link #event}'s. Returns false, having written nothing, when {@link #cachedArgs} does not
     * accept the arguments.
     *
     * <p>It writes the heads itself rather than through {@link #beginEventPacket} and {@link
     * #beginTrackEvent}, which the slow path keeps: that makes it larger than the JIT inlines
     * (325 bytecodes), so it is always one call from the inlined sink methods around it. Below
     * that size the JIT inlined it or not depending on what it had compiled first, and an
     * inlined copy made those callers too big to be inlined in turn.
     */
    private boolean quickPacket(Track t, long ts, int type, long nameIid, long flowOut, long flowIn, Args args,
            int nargs) throws IOException {
        if (nargs > 0 && !cachedArgs(args, nargs)) {
            return false;
        }
        PbWriter w = this.w;
        w.ensure(HEADS_ROOM + COUNTER_ROOM * pendingCount + ANNOTATION_ROOM * nargs);
        byte[] b = w.buf;
        int p = w.pos;
        b[p++] = (byte) T_PACKET;
        int packet = p++;
        b[p++] = (byte) T_TIMESTAMP;
        if (ts >= clockTs) {
            p = PbWriter.putVarint(b, p, ts - clockTs);
            clockTs = ts;
        } else {
            p = PbWriter.putVarint(b, p, ts);
            p = PbWriter.putVarint(b, p, T_CLOCK_ID);
            p = PbWriter.putVarint(b, p, CLOCK_BOOTTIME);
        }
        // sequence id and flags, the track event's tag and length byte (set below), its type: one store
        int te = p + 5;
        p = PbWriter.putFixed64(b, p, SEQ_TRACK_EVENT_TYPE | (long) type << 56);
        b[p++] = (byte) T_TRACK_UUID;
        p = PbWriter.putVarint(b, p, t.uuid);
        if (nameIid != 0) {
            b[p++] = (byte) T_NAME_IID;
            p = PbWriter.putVarint(b, p, nameIid);
        }
        if (flowOut != 0) {
            p = PbWriter.putVarint(b, p, T_FLOW_IDS);
            p = PbWriter.putFixed64(b, p, flowOut);
        }
        if (flowIn != 0) {
            p = PbWriter.putVarint(b, p, T_TERMINATING_FLOW_IDS);
            p = PbWriter.putFixed64(b, p, flowIn);
        }
        if (pendingCount > 0) {
            p = putExtraCounters(b, p, 0);
        }
        if (nargs > 0) {
            p = putCachedAnnotations(b, p, args, nargs);
        }
        if (p - packet - 1 < 0x80) {
            // both lengths fit the byte kept for them (the track event is inside the packet)
            b[te] = (byte) (p - te - 1);
            b[packet] = (byte) (p - packet - 1);
            w.pos = p;
        } else {
            w.pos = p;
            w.endMessage(te);
            w.endMessage(packet);
        }
        maybeDrain();
        return true;
    }

    /**
     * Whether every argument's key, and every string value, has its interned id cached for this
     * epoch, and every value is a number or such a string: then {@link #putCachedAnnotations} writes
     * them as {@link #event} would, without the interning path (a wake-up's "woken by" / "how").
     */
    private boolean cachedArgs(Args args, int nargs) {
        for (int i = 0; i < nargs; i++) {
            InternedName key = args.keyName(i);
            if (key == null || key.epoch != epoch) {
                return false;
            }
            byte kind = args.kind(i);
            if (kind != Args.LONG) {
                InternedName value = args.valueName(i);
                if (kind != Args.STRING || value == null || value.epoch != epoch) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Room per argument in {@link #putCachedAnnotations}: 2 bytes of framing, 2 tags, 2 varints of at most 10 bytes. */
    private static final int ANNOTATION_ROOM = 40;

    /**
     * The debug annotations of arguments that {@link #cachedArgs} accepted, at {@code b[p]} (room
     * made by the caller): the same bytes as {@link #event}'s. Returns the position after them.
     */
    private static int putCachedAnnotations(byte[] b, int p, Args args, int nargs) {
        for (int i = 0; i < nargs; i++) {
            b[p++] = (byte) T_DEBUG_ANNOTATION;
            int da = p++;
            b[p++] = (byte) T_DA_NAME_IID;
            p = PbWriter.putVarint(b, p, args.keyName(i).iid);
            if (args.kind(i) == Args.LONG) {
                p = PbWriter.putVarint(b, p, T_DA_INT);
                p = PbWriter.putVarint(b, p, args.longValue(i));
            } else {
                p = PbWriter.putVarint(b, p, T_DA_STRING_IID);
                p = PbWriter.putVarint(b, p, args.valueName(i).iid);
            }
            b[da] = (byte) (p - da - 1);
        }
        return p;
    }

    private void maybeDrain() throws IOException {
        if (w.pos >= 1 << 16) {
            bytes += w.pos;
            w.drainTo(out);
        }
    }
}
