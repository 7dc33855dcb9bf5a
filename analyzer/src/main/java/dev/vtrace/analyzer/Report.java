package dev.vtrace.analyzer;

import java.util.List;
import java.util.Map;

/**
 * What {@link Analysis} found in a trace: immutable values, all times in ns. The text and JSON
 * reports ({@link ReportWriter}) print exactly this; docs/analyzer.md documents the JSON schema.
 *
 * @param summary span, counts, damage and problems
 * @param groupedBy what the goroutine groups are keyed by: "start location" (creation stacks were
 *     recorded), "thread name" (none were: names with digits folded, "net-write-*"), or
 *     "start location, else thread name" (some threads had one)
 * @param jdkInternal the JDK's own virtual threads (I/O pollers): in the goroutine table, but kept
 *     out of the block reasons and the leak diagnosis
 * @param createToStart GoCreate → first GoStart of the same thread
 * @param wakeToRun GoUnblock or GoSched → the next GoStart (scheduling latency)
 * @param execution run slices: GoStart → the event that unmounts it (pinned time excluded)
 * @param blockReasons blocked (unmounted) time per {@link dev.vtrace.format.BlockReason}, most total time first
 * @param pinReasons pinned blocking time per {@link dev.vtrace.format.PinReason}, most total time first
 * @param goroutines groups by start location, most execution time first
 * @param procs per-P (carrier) time
 * @param diagnoses findings, most important first; empty when nothing stood out
 * @param carrierTimeline per-P utilization over the window, for plots
 */
public record Report(
        Summary summary,
        String groupedBy,
        JdkInternal jdkInternal,
        Latency createToStart,
        Latency wakeToRun,
        Latency execution,
        List<ReasonStats> blockReasons,
        List<ReasonStats> pinReasons,
        List<GroupStats> goroutines,
        List<ProcStats> procs,
        List<Diagnosis> diagnoses,
        CarrierTimeline carrierTimeline) {

    /** Without a carrier timeline. */
    public Report(Summary summary, String groupedBy, JdkInternal jdkInternal, Latency createToStart, Latency wakeToRun,
            Latency execution, List<ReasonStats> blockReasons, List<ReasonStats> pinReasons, List<GroupStats> goroutines,
            List<ProcStats> procs, List<Diagnosis> diagnoses) {
        this(summary, groupedBy, jdkInternal, createToStart, wakeToRun, execution, blockReasons, pinReasons, goroutines,
                procs, diagnoses, CarrierTimeline.EMPTY);
    }

    /**
     * @param source file name
     * @param startTs first event (or the window's start)
     * @param endTs end of the trace (or the window's end)
     * @param events events in the window
     * @param threadsCreated GoCreate events
     * @param threadsEnded GoEnd events
     * @param threadsAliveAtEnd threads not ended at the end of the trace
     * @param threadsSeen distinct threads with at least one event (filter applied)
     * @param gcCount collections that ended in the window
     * @param gcPauseNs their stop-the-world time
     * @param droppedEvents events the recorder reported dropped
     * @param damage damaged places of the file, one line each
     * @param problems events that did not fit the state machine
     * @param problemExamples the first few of them, one line each
     * @param complete whether the recording ended cleanly (has a footer)
     */
    public record Summary(
            String source,
            long startTs,
            long endTs,
            long events,
            long threadsCreated,
            long threadsEnded,
            long threadsAliveAtEnd,
            long threadsSeen,
            long gcCount,
            long gcPauseNs,
            long droppedEvents,
            List<String> damage,
            long problems,
            List<String> problemExamples,
            boolean complete) {
        public long spanNs() {
            return endTs - startTs;
        }
    }

    /**
     * A distribution of durations. count, total, min and max are exact; percentiles come from an
     * HdrHistogram with 3 significant digits (within 0.1 %), clamped to [min, max].
     */
    public record Distribution(long count, long totalNs, long minNs, long p50, long p90, long p99, long p999, long maxNs) {
        public static final Distribution EMPTY = new Distribution(0, 0, 0, 0, 0, 0, 0, 0);

        /** Mean in ns; 0 when empty. The mean hides tails: read the percentiles first. */
        public double meanNs() {
            return count == 0 ? 0 : (double) totalNs / count;
        }
    }

    /**
     * Where something happened: the first frame outside the JDK of a recorded stack ("unknown"
     * when none was recorded).
     */
    public record Site(String site, long count, long totalNs, long maxNs) {}

    /**
     * The JDK's own virtual threads (see {@code internal.Locations}).
     *
     * @param threads how many
     * @param names their group keys with counts ("SubPoller-* ×3")
     * @param blocks their completed blocks, left out of {@link Report#blockReasons()}
     * @param blockedNs the time of those blocks
     * @param waitingAtEnd how many were still waiting at the end, left out of the leak diagnosis
     */
    public record JdkInternal(long threads, List<String> names, long blocks, long blockedNs, long waitingAtEnd) {}

    /**
     * A latency distribution, the sites with the most total time, and its histogram: counts in
     * power-of-two buckets [fromNs, toNs), empty buckets at both ends left out.
     */
    public record Latency(Distribution dist, List<Site> topSites, List<Bucket> histogram) {
        public Latency(Distribution dist, List<Site> topSites) {
            this(dist, topSites, List.of());
        }
    }

    /** One histogram bucket: values in [fromNs, toNs). */
    public record Bucket(long fromNs, long toNs, long count) {}

    /**
     * Carrier utilization over time: the window cut into equal buckets, per P the share of each
     * bucket a virtual thread was mounted on it (0..1).
     *
     * @param startTs the window's start
     * @param bucketNs bucket width
     * @param utilization per P id, one value per bucket
     */
    public record CarrierTimeline(long startTs, long bucketNs, Map<Long, List<Double>> utilization) {
        public static final CarrierTimeline EMPTY = new CarrierTimeline(0, 0, Map.of());
    }

    /**
     * @param reason the reason's label ("sleep", "lock", "native frame", ...)
     * @param dist durations of completed blocks
     * @param share this reason's part of all blocked (resp. pinned) time, 0..1
     * @param topSites sites with the most total time
     */
    public record ReasonStats(String reason, Distribution dist, double share, List<Site> topSites) {}

    /**
     * Go's NonOverlappingStats for one thread or a group: where its time went, clipped to the
     * window. Sums to the time the thread(s) existed in the window.
     *
     * @param blockNs blocked time per block reason label (only non-zero entries, label order)
     */
    public record TimeBreakdown(long executionNs, long schedWaitNs, long blockedNs, Map<String, Long> blockNs, long pinnedNs) {
        public long totalNs() {
            return executionNs + schedWaitNs + blockedNs + pinnedNs;
        }
    }

    /** One thread in a goroutine group. */
    public record ThreadStats(long g, String name, TimeBreakdown time) {}

    /**
     * @param startLocation the group key (see {@link Report#groupedBy()}): the first frame outside the JDK of
     *     the creation stack; without one the thread name with digits folded ("net-write-*", "(unnamed)");
     *     "unknown" for threads alive before the trace began
     * @param count threads in the group
     * @param time their summed time
     * @param topThreads the threads with the most total time (at most {@link Analysis.Options#topN()})
     */
    public record GroupStats(String startLocation, long count, TimeBreakdown time, List<ThreadStats> topThreads) {}

    /**
     * @param p P id
     * @param m its carrier thread (0 if not known)
     * @param busyNs time a virtual thread was mounted on it (running or pinned)
     * @param runningNs time in P state RUNNING (busy or looking for work)
     * @param idleNs time in P state IDLE
     * @param blockedNs time in P state BLOCKED
     * @param utilization busyNs / window span, 0..1
     */
    public record ProcStats(long p, long m, long busyNs, long runningNs, long idleNs, long blockedNs, double utilization) {}

    /**
     * A finding with its evidence.
     *
     * @param kind stable identifier: "leak", "starvation", "pinning", "idle-carriers", "churn", "problems", "damage"
     * @param title one line: what was found
     * @param evidence lines: which threads, where, how long
     * @param advice one line: what to do
     */
    public record Diagnosis(String kind, String title, List<String> evidence, String advice) {}
}
