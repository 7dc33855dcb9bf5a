package dev.vtrace.samples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The web-api samples' server: the JDK's HttpServer on a loopback ephemeral port, one virtual thread
 * per request, answering {@code GET /hello/<n>} with a short text after a little {@link CpuWork}.
 * A hook runs in the request's thread before the reply, which is where web-api-leak leaks.
 */
final class HelloServer implements AutoCloseable {

    /** Called in the handler's virtual thread, once per request, before the response is sent. */
    interface BeforeReply {
        void onRequest(int requestNumber);
    }

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger served = new AtomicInteger();
    private final BeforeReply beforeReply;

    HelloServer(BeforeReply beforeReply) throws IOException {
        this.beforeReply = beforeReply;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(handlers);
        server.createContext("/hello", this::handle);
        server.start();
    }

    URI uri() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getHostString() + ":" + address.getPort() + "/hello/");
    }

    /** Requests answered so far. */
    int served() {
        return served.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            int number = served.incrementAndGet();
            beforeReply.onRequest(number);
            long hash = new CpuWork().hashItem(number);
            byte[] body = ("hello " + exchange.getRequestURI().getPath() + " " + Long.toHexString(hash) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.close();
    }
}
