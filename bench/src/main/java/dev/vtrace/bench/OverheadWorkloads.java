package dev.vtrace.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;

/**
 * The whole-process workloads of {@code bench/overhead.sh}, run with and without the agent.
 *
 * <pre>
 * pingpong [pairs] [roundTrips] [reps]  pairs of virtual threads bouncing a token through two
 *                                       SynchronousQueues; prints "pingpong.ns.per.roundtrip X"
 *                                       (the best of the repetitions after the first)
 * http [port]                           the JDK's HttpServer on 127.0.0.1 with a virtual thread per
 *                                       request; prints "listening PORT" and serves until killed
 * </pre>
 */
public final class OverheadWorkloads {
    private OverheadWorkloads() {}

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "pingpong" -> pingPong(arg(args, 1, 8), arg(args, 2, 50_000), arg(args, 3, 3));
            case "http" -> http(arg(args, 1, 0));
            default -> {
                System.err.println("usage: OverheadWorkloads pingpong [pairs] [roundTrips] [reps] | http [port]");
                System.exit(2);
            }
        }
    }

    private static int arg(String[] a, int i, int dflt) {
        return a.length > i ? Integer.parseInt(a[i]) : dflt;
    }

    static void pingPong(int pairs, int roundTrips, int reps) throws InterruptedException {
        double best = Double.MAX_VALUE;
        for (int r = 0; r < reps; r++) {
            List<Thread> all = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int p = 0; p < pairs; p++) {
                SynchronousQueue<Integer> there = new SynchronousQueue<>();
                SynchronousQueue<Integer> back = new SynchronousQueue<>();
                all.add(Thread.ofVirtual().start(() -> {
                    try {
                        for (int i = 0; i < roundTrips; i++) {
                            there.put(i);
                            back.take();
                        }
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }));
                all.add(Thread.ofVirtual().start(() -> {
                    try {
                        for (int i = 0; i < roundTrips; i++) {
                            back.put(there.take());
                        }
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            for (Thread t : all) {
                t.join();
            }
            double ns = (System.nanoTime() - t0) / (double) roundTrips / pairs;
            if (r > 0 || reps == 1) {
                best = Math.min(best, ns);
            }
        }
        System.out.printf(Locale.ROOT, "pingpong.ns.per.roundtrip %.1f%n", best);
    }

    static void http(int port) throws IOException {
        byte[] body = "hello\n".getBytes(StandardCharsets.US_ASCII);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println("listening " + server.getAddress().getPort());
        System.out.flush();
    }
}
