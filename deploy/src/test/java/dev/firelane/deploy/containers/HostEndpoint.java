package dev.firelane.deploy.containers;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the workers in containers call through the {@code http} handler: an HTTP server in the test's JVM, reached
 * from a container as {@code host.docker.internal}. {@code /ok/NAME} answers at once; {@code /latch/NAME} answers
 * when the test releases NAME. Both count their calls per NAME.
 */
final class HostEndpoint implements AutoCloseable {
    static final String HOST = "host.docker.internal";

    private final HttpServer server;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> latches = new ConcurrentHashMap<>();

    HostEndpoint() {
        try {
            server = HttpServer.create(new InetSocketAddress("0.0.0.0", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/ok/", exchange -> answer(exchange, "/ok/", false));
        server.createContext("/latch/", exchange -> answer(exchange, "/latch/", true));
        server.start();
    }

    /** The payload of an {@code http} job that calls {@code /ok/NAME}. */
    String okPayload(String name) {
        return payload("/ok/" + name);
    }

    /** The payload of an {@code http} job that calls {@code /latch/NAME}, which blocks until {@link #release}. */
    String latchPayload(String name) {
        return payload("/latch/" + name);
    }

    int calls(String name) {
        AtomicInteger n = calls.get(name);
        return n == null ? 0 : n.get();
    }

    void release(String name) {
        latch(name).countDown();
    }

    private String payload(String path) {
        return "{\"method\":\"POST\",\"url\":\"http://" + HOST + ":" + server.getAddress().getPort() + path
                + "\",\"timeoutMs\":120000}";
    }

    private CountDownLatch latch(String name) {
        return latches.computeIfAbsent(name, n -> new CountDownLatch(1));
    }

    private void answer(HttpExchange exchange, String prefix, boolean wait) throws IOException {
        String name = exchange.getRequestURI().getPath().substring(prefix.length());
        calls.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            if (wait && !latch(name).await(2, TimeUnit.MINUTES)) {
                exchange.sendResponseHeaders(504, -1);
                return;
            }
            exchange.sendResponseHeaders(200, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        latches.values().forEach(CountDownLatch::countDown);
        server.stop(0);
    }
}
