package dev.vtrace.export.internal;

import dev.vtrace.export.internal.perfetto.CounterDescriptor;
import dev.vtrace.export.internal.perfetto.DebugAnnotation;
import dev.vtrace.export.internal.perfetto.EventName;
import dev.vtrace.export.internal.perfetto.InternedData;
import dev.vtrace.export.internal.perfetto.InternedString;
import dev.vtrace.export.internal.perfetto.ProcessDescriptor;
import dev.vtrace.export.internal.perfetto.Trace;
import dev.vtrace.export.internal.perfetto.TracePacket;
import dev.vtrace.export.internal.perfetto.TrackDescriptor;
import dev.vtrace.export.internal.perfetto.TrackEvent;
import dev.vtrace.format.reader.TraceTables;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;

/**
 * Writes Perfetto's native format: a {@code Trace} message as a stream of field-1 records, each a
 * length-delimited {@code TracePacket}, encoded by hand with the field numbers of the generated
 * classes (the generated builders allocate several objects per packet; this writes into one
 * reused buffer).
 *
 * <p>One packet sequence ({@link #SEQUENCE_ID}). The first packet clears incremental state;
 * packets that refer to interned data say they need it. Event names, argument names and short
 * string values (stacks included, keyed by stack id) are interned, each defined in the
 * {@code interned_data} of the first packet that uses it. When more than {@link #INTERN_LIMIT}
 * strings are interned, the tables are dropped and the next packet clears incremental state
 * again, so memory stays bounded on traces with millions of distinct thread names.
 */
public final class PerfettoSink implements Sink {
    /** The trusted_packet_sequence_id of every packet. */
    public static final int SEQUENCE_ID = 1;
    /** Interned strings kept before the interning tables are reset. */
    static final int INTERN_LIMIT = 1 << 18;
    private static final int STRING_INTERN_MAX_LENGTH = 256;

    private static final int SEQ_INCREMENTAL_STATE_CLEARED =
            TracePacket.SequenceFlags.SEQ_INCREMENTAL_STATE_CLEARED_VALUE;
    private static final int SEQ_NEEDS_INCREMENTAL_STATE = TracePacket.SequenceFlags.SEQ_NEEDS_INCREMENTAL_STATE_VALUE;

    private final OutputStream out;
    private final PbWriter w = new PbWriter();
    private TraceTables tables;
    private long bytes;

    private final HashMap<String, Long> names = new HashMap<>();
    private final HashMap<String, Long> argNames = new HashMap<>();
    private final HashMap<String, Long> strings = new HashMap<>();
    private final HashMap<Long, Long> stacks = new HashMap<>();
    private long nextIid = 1;
    private boolean clearState = true;

    // interning scratch for one packet
    private final String[] newNames = new String[1];
    private final long[] newNameIids = new long[1];
    private int newNameCount;
    private final java.util.ArrayList<String> newArgNames = new java.util.ArrayList<>();
    private final java.util.ArrayList<Long> newArgNameIids = new java.util.ArrayList<>();
    private final java.util.ArrayList<String> newStrings = new java.util.ArrayList<>();
    private final java.util.ArrayList<Long> newStringIids = new java.util.ArrayList<>();
    private long[] argNameIid = new long[8];
    private long[] argValueIid = new long[8];

    public PerfettoSink(OutputStream out) {
        this.out = out;
    }

    @Override
    public void start(String processName, long pid, long startTs, TraceTables tables) {
        this.tables = tables;
    }

    @Override
    public void track(Track t) throws IOException {
        int packet = w.beginMessage(Trace.PACKET_FIELD_NUMBER);
        sequence(false);
        int td = w.beginMessage(TracePacket.TRACK_DESCRIPTOR_FIELD_NUMBER);
        w.varintField(TrackDescriptor.UUID_FIELD_NUMBER, t.uuid);
        switch (t.kind) {
            case PROCESS -> {
                int pd = w.beginMessage(TrackDescriptor.PROCESS_FIELD_NUMBER);
                w.varintField(ProcessDescriptor.PID_FIELD_NUMBER, (int) t.id);
                w.stringField(ProcessDescriptor.PROCESS_NAME_FIELD_NUMBER, t.name);
                w.endMessage(pd);
            }
            case COUNTER, COUNTER_BYTES -> {
                w.varintField(TrackDescriptor.PARENT_UUID_FIELD_NUMBER, t.parent.uuid);
                w.stringField(TrackDescriptor.NAME_FIELD_NUMBER, t.name);
                int cd = w.beginMessage(TrackDescriptor.COUNTER_FIELD_NUMBER);
                w.varintField(CounterDescriptor.UNIT_FIELD_NUMBER, t.kind == Track.Kind.COUNTER
                        ? CounterDescriptor.Unit.UNIT_COUNT_VALUE
                        : CounterDescriptor.Unit.UNIT_SIZE_BYTES_VALUE);
                w.endMessage(cd);
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
        event(t, ts, TrackEvent.Type.TYPE_SLICE_BEGIN_VALUE, name, args, 0, flowIn);
    }

    @Override
    public void end(Track t, long ts, Args args) throws IOException {
        event(t, ts, TrackEvent.Type.TYPE_SLICE_END_VALUE, null, args, 0, 0);
    }

    @Override
    public void instant(Track t, long ts, String name, Args args, long flowOut) throws IOException {
        event(t, ts, TrackEvent.Type.TYPE_INSTANT_VALUE, name, args, flowOut, 0);
    }

    @Override
    public void counters(long ts, Track[] tracks, long[] values, int n) throws IOException {
        int packet = w.beginMessage(Trace.PACKET_FIELD_NUMBER);
        w.varintField(TracePacket.TIMESTAMP_FIELD_NUMBER, ts);
        sequence(false);
        int te = w.beginMessage(TracePacket.TRACK_EVENT_FIELD_NUMBER);
        w.varintField(TrackEvent.TYPE_FIELD_NUMBER, TrackEvent.Type.TYPE_COUNTER_VALUE);
        w.varintField(TrackEvent.TRACK_UUID_FIELD_NUMBER, tracks[0].uuid);
        w.varintField(TrackEvent.COUNTER_VALUE_FIELD_NUMBER, values[0]);
        for (int i = 1; i < n; i++) {
            w.varintField(TrackEvent.EXTRA_COUNTER_TRACK_UUIDS_FIELD_NUMBER, tracks[i].uuid);
        }
        for (int i = 1; i < n; i++) {
            w.varintField(TrackEvent.EXTRA_COUNTER_VALUES_FIELD_NUMBER, values[i]);
        }
        w.endMessage(te);
        w.endMessage(packet);
        maybeDrain();
    }

    @Override
    public void finish(long endTs) throws IOException {
        bytes += w.pos;
        w.drainTo(out);
        out.flush();
    }

    @Override
    public long bytesWritten() {
        return bytes + w.pos;
    }

    // ---------------------------------------------------------------- encoding

    private void event(Track t, long ts, int type, String name, Args args, long flowOut, long flowIn)
            throws IOException {
        if (names.size() + strings.size() + stacks.size() + argNames.size() > INTERN_LIMIT) {
            names.clear();
            strings.clear();
            stacks.clear();
            argNames.clear();
            nextIid = 1;
            clearState = true;
        }
        // 1. intern: find the strings this packet uses for the first time
        newNameCount = 0;
        newArgNames.clear();
        newArgNameIids.clear();
        newStrings.clear();
        newStringIids.clear();
        long nameIid = 0;
        if (name != null) {
            Long iid = names.get(name);
            if (iid == null) {
                iid = nextIid++;
                names.put(name, iid);
                newNames[0] = name;
                newNameIids[0] = iid;
                newNameCount = 1;
            }
            nameIid = iid;
        }
        int nargs = args == null ? 0 : args.size();
        if (nargs > argNameIid.length) {
            argNameIid = new long[nargs];
            argValueIid = new long[nargs];
        }
        for (int i = 0; i < nargs; i++) {
            argNameIid[i] = intern(argNames, args.key(i), newArgNames, newArgNameIids);
            argValueIid[i] = 0;
            if (args.kind(i) == Args.STRING && args.stringValue(i).length() <= STRING_INTERN_MAX_LENGTH) {
                argValueIid[i] = intern(strings, args.stringValue(i), newStrings, newStringIids);
            } else if (args.kind(i) == Args.STACK) {
                Long iid = stacks.get(args.longValue(i));
                if (iid == null) {
                    iid = nextIid++;
                    stacks.put(args.longValue(i), iid);
                    newStrings.add(StackText.of(tables, args.longValue(i)));
                    newStringIids.add(iid);
                }
                argValueIid[i] = iid;
            }
        }
        boolean interned = nameIid != 0 || nargs > 0;

        // 2. the packet
        int packet = w.beginMessage(Trace.PACKET_FIELD_NUMBER);
        w.varintField(TracePacket.TIMESTAMP_FIELD_NUMBER, ts);
        sequence(interned);
        if (newNameCount > 0 || !newArgNames.isEmpty() || !newStrings.isEmpty()) {
            int id = w.beginMessage(TracePacket.INTERNED_DATA_FIELD_NUMBER);
            if (newNameCount > 0) {
                int en = w.beginMessage(InternedData.EVENT_NAMES_FIELD_NUMBER);
                w.varintField(EventName.IID_FIELD_NUMBER, newNameIids[0]);
                w.stringField(EventName.NAME_FIELD_NUMBER, newNames[0]);
                w.endMessage(en);
            }
            for (int i = 0; i < newArgNames.size(); i++) {
                int an = w.beginMessage(InternedData.DEBUG_ANNOTATION_NAMES_FIELD_NUMBER);
                w.varintField(1, newArgNameIids.get(i));
                w.stringField(2, newArgNames.get(i));
                w.endMessage(an);
            }
            for (int i = 0; i < newStrings.size(); i++) {
                int sv = w.beginMessage(InternedData.DEBUG_ANNOTATION_STRING_VALUES_FIELD_NUMBER);
                w.varintField(InternedString.IID_FIELD_NUMBER, newStringIids.get(i));
                w.stringField(InternedString.STR_FIELD_NUMBER, newStrings.get(i));
                w.endMessage(sv);
            }
            w.endMessage(id);
        }
        int te = w.beginMessage(TracePacket.TRACK_EVENT_FIELD_NUMBER);
        w.varintField(TrackEvent.TYPE_FIELD_NUMBER, type);
        w.varintField(TrackEvent.TRACK_UUID_FIELD_NUMBER, t.uuid);
        if (nameIid != 0) {
            w.varintField(TrackEvent.NAME_IID_FIELD_NUMBER, nameIid);
        }
        if (flowOut != 0) {
            w.fixed64Field(TrackEvent.FLOW_IDS_FIELD_NUMBER, flowOut);
        }
        if (flowIn != 0) {
            w.fixed64Field(TrackEvent.TERMINATING_FLOW_IDS_FIELD_NUMBER, flowIn);
        }
        for (int i = 0; i < nargs; i++) {
            int da = w.beginMessage(TrackEvent.DEBUG_ANNOTATIONS_FIELD_NUMBER);
            w.varintField(DebugAnnotation.NAME_IID_FIELD_NUMBER, argNameIid[i]);
            if (args.kind(i) == Args.LONG) {
                w.varintField(DebugAnnotation.INT_VALUE_FIELD_NUMBER, args.longValue(i));
            } else if (argValueIid[i] != 0) {
                w.varintField(DebugAnnotation.STRING_VALUE_IID_FIELD_NUMBER, argValueIid[i]);
            } else {
                w.stringField(DebugAnnotation.STRING_VALUE_FIELD_NUMBER, args.stringValue(i));
            }
            w.endMessage(da);
        }
        w.endMessage(te);
        w.endMessage(packet);
        maybeDrain();
    }

    private long intern(HashMap<String, Long> table, String s, java.util.List<String> news,
            java.util.List<Long> newIids) {
        Long iid = table.get(s);
        if (iid == null) {
            iid = nextIid++;
            table.put(s, iid);
            news.add(s);
            newIids.add(iid);
        }
        return iid;
    }

    /** Writes the sequence id and flags of a packet. */
    private void sequence(boolean needsState) {
        w.varintField(TracePacket.TRUSTED_PACKET_SEQUENCE_ID_FIELD_NUMBER, SEQUENCE_ID);
        if (clearState) {
            w.varintField(TracePacket.SEQUENCE_FLAGS_FIELD_NUMBER, SEQ_INCREMENTAL_STATE_CLEARED);
            clearState = false;
        } else if (needsState) {
            w.varintField(TracePacket.SEQUENCE_FLAGS_FIELD_NUMBER, SEQ_NEEDS_INCREMENTAL_STATE);
        }
    }

    private void maybeDrain() throws IOException {
        if (w.pos >= 1 << 16) {
            bytes += w.pos;
            w.drainTo(out);
        }
    }
}
