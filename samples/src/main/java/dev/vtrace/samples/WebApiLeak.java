package dev.vtrace.samples;

import java.io.IOException;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.SynchronousQueue;

/**
 * {@code web-api-leak}: {@code web-api} with a goroutine leak. Per request the handler starts a
 * virtual thread that waits for a reply from a "downstream service" on a queue that nothing ever
 * fills (the callback that would answer was never registered), then answers the client anyway. Every
 * request leaves one virtual thread parked forever in {@link #awaitReplyThatNeverComes}; the program
 * still ends, because virtual threads are daemon threads.
 *
 * <p>In a trace: G's created by the handlers that block (queue take) and never unblock or end, all
 * with the same creation stack — what a leak diagnosis should find.
 *
 * <p>Parameters: {@code --requests} (default 500), {@code --concurrency} (default 16). Prints what
 * web-api prints plus {@code threads.leaked} (started by the handlers) and
 * {@code threads.leaked.parked} (seen parked at the end; equals requests.served).
 */
public final class WebApiLeak {

    private WebApiLeak() {
    }

    public static void main(String[] argv) throws IOException, InterruptedException {
        Args args = Args.parseOrExit("web-api-leak", argv, "requests", "concurrency");
        run(args.intValue("requests", 500, 0), args.intValue("concurrency", 16, 1)).print(System.out);
    }

    static Report run(int requests, int concurrency) throws IOException, InterruptedException {
        // The leak's anatomy: request number -> the queue its reply should arrive on, never answered.
        Map<Integer, BlockingQueue<String>> pendingReplies = new ConcurrentHashMap<>();
        // Kept only to count the leaked threads at the end; the leak does not depend on it.
        Queue<Thread> leaked = new ConcurrentLinkedQueue<>();

        long start = System.nanoTime();
        try (HelloServer server = new HelloServer(number -> {
            BlockingQueue<String> reply = new SynchronousQueue<>();
            pendingReplies.put(number, reply);
            leaked.add(Thread.ofVirtual().name("reply-waiter-" + number)
                    .start(() -> awaitReplyThatNeverComes(reply)));
        })) {
            return WebApi.load(server, requests, concurrency, start)
                    .add("threads.leaked", leaked.size())
                    .add("threads.leaked.parked", countParked(leaked));
        }
    }

    /** The leaking wait: blocks until a reply arrives, and none ever does. */
    private static void awaitReplyThatNeverComes(BlockingQueue<String> reply) {
        try {
            reply.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many of {@code threads} are parked, waiting up to a second for the last ones to get there. */
    private static int countParked(Queue<Thread> threads) throws InterruptedException {
        long deadline = System.nanoTime() + 1_000_000_000L;
        int parked;
        do {
            parked = (int) threads.stream().filter(t -> t.getState() == Thread.State.WAITING).count();
            if (parked == threads.size()) {
                break;
            }
            Thread.sleep(5);
        } while (System.nanoTime() < deadline);
        return parked;
    }
}
