package dev.vtrace.samples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code block-reasons}: every way a virtual thread blocks, each a known number of times — the
 * recorder's and analyzer's ground truth for block reasons.
 *
 * <p>Each round runs every scenario once; a scenario starts one virtual thread named
 * {@code <reason>-<round>} (e.g. {@code monitor-enter-0}) that blocks exactly there, confirms it is
 * parked or blocked, and only then releases it. The printed {@code reason=count} lines count those
 * confirmed blocks, so a trace of the run should show, on the threads named {@code <reason>-*}, at
 * least that many blocks of that reason (a release can cost an extra short block, e.g. a condition
 * waiter re-acquiring its lock). The reasons, in the trace format's vocabulary:
 * <pre>
 *   sleep  lock  condition  monitor-enter  object-wait  queue-take  queue-put  future  latch  barrier
 *   phaser  semaphore  exchanger  join  park-other  net-read  net-write      (BlockReason, lower-kebab)
 *   pinned-native     a pinned sleep under a native frame (PinReason NATIVE), via an FFM upcall
 *   file-io           a file read: no park, the carrier is held and the scheduler compensates
 * </pre>
 * Helper threads (the thread being joined) are named {@code helper-*}. The orchestration runs on the
 * platform main thread, so it adds no virtual-thread blocks of its own. Run with
 * {@code --enable-native-access=ALL-UNNAMED} to spare the FFM warning.
 *
 * <p>Parameters: {@code --rounds} (default 3). Prints {@code # ...} comments, then one
 * {@code reason=count} line per reason.
 */
public final class BlockReasons {

    /** One way to block; {@code run} makes the thread with the given name block once. */
    private record Scenario(String reason, ScenarioBody body) {
    }

    private interface ScenarioBody {
        void run(String threadName) throws Exception;
    }

    private BlockReasons() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parseOrExit("block-reasons", argv, "rounds");
        run(args.intValue("rounds", 3, 0)).print(System.out);
    }

    static Report run(int rounds) throws Exception {
        Path file = IoBlocks.createTempFile();
        List<Scenario> scenarios = scenarios(file);
        Map<String, Integer> confirmed = new LinkedHashMap<>();
        scenarios.forEach(s -> confirmed.put(s.reason(), 0));

        long start = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            for (Scenario scenario : scenarios) {
                scenario.body().run(scenario.reason() + "-" + round);
                confirmed.merge(scenario.reason(), 1, Integer::sum);
            }
        }

        Report report = new Report()
                .comment("block-reasons: " + rounds + " rounds in " + Math.round((System.nanoTime() - start) / 1e6) + " ms")
                .comment("reason=confirmed blocks, each on a virtual thread named <reason>-<round>");
        if (!NativePinning.available()) {
            report.comment("pinned-native skipped: the C library has no qsort");
        }
        confirmed.forEach(report::add);
        return report;
    }

    private static List<Scenario> scenarios(Path file) {
        List<Scenario> scenarios = new ArrayList<>(List.of(
                new Scenario("sleep", SyncBlocks::sleep),
                new Scenario("lock", SyncBlocks::reentrantLockContention),
                new Scenario("condition", SyncBlocks::conditionAwait),
                new Scenario("monitor-enter", SyncBlocks::monitorContention),
                new Scenario("object-wait", SyncBlocks::objectWait),
                new Scenario("queue-take", SyncBlocks::queueTakeFromEmpty),
                new Scenario("queue-put", SyncBlocks::queuePutIntoFull),
                new Scenario("future", SyncBlocks::futureGet),
                new Scenario("latch", SyncBlocks::latchAwait),
                new Scenario("barrier", SyncBlocks::barrierAwait),
                new Scenario("phaser", SyncBlocks::phaserAwait),
                new Scenario("semaphore", SyncBlocks::semaphoreAcquire),
                new Scenario("exchanger", SyncBlocks::exchange),
                new Scenario("join", SyncBlocks::threadJoin),
                new Scenario("park-other", SyncBlocks::parkWithBlocker),
                new Scenario("net-read", IoBlocks::socketRead),
                new Scenario("net-write", IoBlocks::socketWrite)));
        if (NativePinning.available()) {
            scenarios.add(new Scenario("pinned-native", NativePinning::pinnedInNativeUpcall));
        }
        scenarios.add(new Scenario("file-io", name -> IoBlocks.fileRead(name, file)));
        return scenarios;
    }
}
