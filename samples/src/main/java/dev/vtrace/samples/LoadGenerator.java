package dev.vtrace.samples;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A closed-loop HTTP load generator: {@code concurrency} virtual-thread clients send requests one
 * after the other until {@code requests} have been sent in total. Closed loop means a slow server
 * slows the load down, which is fine for making a trace, not for benchmarking.
 */
final class LoadGenerator {

    /** What the clients saw. */
    record Result(int sent, int ok, int failed) {
    }

    private LoadGenerator() {
    }

    static Result run(URI base, int requests, int concurrency) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        try (ExecutorService clientThreads = Executors.newVirtualThreadPerTaskExecutor();
             HttpClient client = HttpClient.newBuilder()
                     .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade attempt: HttpServer speaks 1.1 only
                     .executor(clientThreads)
                     .build()) {
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < concurrency; c++) {
                clients.add(Thread.ofVirtual().name("client-" + c).start(() -> {
                    for (int n = next.getAndIncrement(); n < requests; n = next.getAndIncrement()) {
                        (send(client, base.resolve(Integer.toString(n))) ? ok : failed).incrementAndGet();
                    }
                }));
            }
            for (Thread t : clients) {
                t.join();
            }
        }
        return new Result(Math.min(next.get(), requests), ok.get(), failed.get());
    }

    private static boolean send(HttpClient client, URI uri) {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
