package dev.vtrace.samples;

import java.io.IOException;

/**
 * {@code web-api}: the JDK's HttpServer with a virtual thread per request, driven by a built-in
 * loopback load generator; ends when the bounded number of requests is done. The healthy baseline
 * for {@code web-api-leak}: at the end no request's thread is left.
 *
 * <p>Parameters: {@code --requests} (default 500), {@code --concurrency} (default 16). Prints
 * {@code requests.sent}, {@code requests.served} (counted by the server), {@code responses.ok},
 * {@code responses.failed}, {@code elapsed.ms}, {@code requests.per.sec}.
 */
public final class WebApi {

    private WebApi() {
    }

    public static void main(String[] argv) throws IOException, InterruptedException {
        Args args = Args.parseOrExit("web-api", argv, "requests", "concurrency");
        run(args.intValue("requests", 500, 0), args.intValue("concurrency", 16, 1)).print(System.out);
    }

    static Report run(int requests, int concurrency) throws IOException, InterruptedException {
        long start = System.nanoTime();
        try (HelloServer server = new HelloServer(number -> { })) {
            return load(server, requests, concurrency, start);
        }
    }

    /** Sends the load to {@code server} and reports it; web-api-leak adds its own lines after these. */
    static Report load(HelloServer server, int requests, int concurrency, long start) throws InterruptedException {
        LoadGenerator.Result result = LoadGenerator.run(server.uri(), requests, concurrency);
        double elapsedMs = (System.nanoTime() - start) / 1e6;
        return new Report()
                .add("requests.sent", result.sent())
                .add("requests.served", server.served())
                .add("responses.ok", result.ok())
                .add("responses.failed", result.failed())
                .add("elapsed.ms", elapsedMs)
                .add("requests.per.sec", result.sent() / (elapsedMs / 1e3));
    }
}
