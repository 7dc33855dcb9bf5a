package dev.vtrace.samples;

import java.util.concurrent.SynchronousQueue;

/**
 * {@code pingpong}: two virtual threads hand a token back and forth through two SynchronousQueues,
 * so a handoff usually parks one thread and wakes the other. Measures the scheduler's park/unpark round
 * trip and gives the recorder the densest block/unblock stream there is.
 *
 * <p>Parameters: {@code --handoffs} (default 200_000, even: one round trip is two handoffs). Prints
 * {@code handoffs} (counted by the receivers), {@code elapsed.ms}, {@code handoffs.per.sec}.
 */
public final class PingPong {

    private PingPong() {
    }

    public static void main(String[] argv) throws InterruptedException {
        Args args = Args.parseOrExit("pingpong", argv, "handoffs");
        int handoffs = args.intValue("handoffs", 200_000, 0);
        if (handoffs % 2 != 0) {
            System.err.println("pingpong: --handoffs must be even (a round trip is two handoffs), found " + handoffs);
            System.exit(2);
        }
        run(handoffs).print(System.out);
    }

    static Report run(int handoffs) throws InterruptedException {
        int roundTrips = handoffs / 2;
        SynchronousQueue<Integer> toPong = new SynchronousQueue<>();
        SynchronousQueue<Integer> toPing = new SynchronousQueue<>();
        int[] received = new int[2]; // [ping, pong], each written by its own thread only

        long start = System.nanoTime();
        Thread ping = Thread.ofVirtual().name("ping").start(() -> {
            for (int i = 0; i < roundTrips; i++) {
                put(toPong, i);
                if (take(toPing) != i) {
                    throw new AssertionError("token out of order");
                }
                received[0]++;
            }
        });
        Thread pong = Thread.ofVirtual().name("pong").start(() -> {
            for (int i = 0; i < roundTrips; i++) {
                put(toPing, take(toPong));
                received[1]++;
            }
        });
        ping.join();
        pong.join();

        double elapsedMs = (System.nanoTime() - start) / 1e6;
        return new Report()
                .add("handoffs", received[0] + received[1])
                .add("elapsed.ms", elapsedMs)
                .add("handoffs.per.sec", handoffs / (elapsedMs / 1e3));
    }

    private static int take(SynchronousQueue<Integer> queue) {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void put(SynchronousQueue<Integer> queue, int token) {
        try {
            queue.put(token);
        } catch (InterruptedException e) {
            throw new IllegalStateException("interrupted", e);
        }
    }
}
