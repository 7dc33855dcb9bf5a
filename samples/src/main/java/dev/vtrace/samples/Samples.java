package dev.vtrace.samples;

import java.util.List;
import java.util.Optional;

/**
 * The catalogue of samples, in the order a listing shows them. The cli ({@code trace record --sample})
 * and the recorder's tests launch samples through it, so names are stable once published.
 */
public final class Samples {

    private static final String PARALLELISM_1 = "-Djdk.virtualThreadScheduler.parallelism=1";
    private static final String PARALLELISM_2 = "-Djdk.virtualThreadScheduler.parallelism=2";

    private static final List<Sample> ALL = List.of(
            new Sample("worker-pool",
                    "CPU work over N items by a fixed set of virtual-thread workers pulling from a BlockingQueue",
                    WorkerPool.class.getName(), List.of(), List.of("--items=200")),
            new Sample("thread-per-item",
                    "the same CPU work as worker-pool with one virtual thread per item",
                    ThreadPerItem.class.getName(), List.of(), List.of("--items=200")),
            new Sample("mixed",
                    "CPU-bound virtual threads occupy every carrier and delay 100 sleeping I/O-bound ones",
                    MixedCpuIo.class.getName(), List.of(PARALLELISM_2),
                    List.of("--io-threads=20", "--sleep-ms=20", "--cpu-ms=80")),
            new Sample("web-api",
                    "HttpServer on virtual threads with a built-in loopback load generator",
                    WebApi.class.getName(), List.of(), List.of("--requests=50")),
            new Sample("web-api-leak",
                    "web-api whose handler leaks a virtual thread per request, parked forever on a queue",
                    WebApiLeak.class.getName(), List.of(), List.of("--requests=50")),
            new Sample("parked-million",
                    "a million virtual threads parked on one CountDownLatch: memory per thread, time to park",
                    ParkedMillion.class.getName(), List.of(), List.of("--threads=10000")),
            new Sample("create-latency",
                    "a burst of virtual threads: create-to-start latency percentiles (try --sweep)",
                    CreateLatency.class.getName(), List.of(), List.of("--threads=200")),
            new Sample("starvation",
                    "one virtual thread spins without yielding while others wait for the only carrier",
                    Starvation.class.getName(), List.of(PARALLELISM_1), List.of("--spin-ms=100")),
            new Sample("block-reasons",
                    "every block reason (sleep, locks, monitors, queues, sockets, pinned native, ...) a known number of times",
                    BlockReasons.class.getName(), List.of("--enable-native-access=ALL-UNNAMED"),
                    List.of("--rounds=1")),
            new Sample("pingpong",
                    "two virtual threads handing a token back and forth through SynchronousQueues",
                    PingPong.class.getName(), List.of(), List.of("--handoffs=2000")));

    private Samples() {
    }

    /** Every sample, in listing order; immutable. */
    public static List<Sample> all() {
        return ALL;
    }

    /** The sample with exactly this name, or empty; {@code name} must not be null. */
    public static Optional<Sample> byName(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
