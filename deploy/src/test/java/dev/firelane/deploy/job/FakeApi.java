package dev.firelane.deploy.job;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A tiny HTTP server that answers canned API JSON per "METHOD path" and records what it was sent. */
final class FakeApi implements AutoCloseable {
    record Canned(int status, String body) {
    }

    record Received(String method, String uri, String body, String user, String authorization) {
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Canned> answers = new ConcurrentHashMap<>();
    private final HttpServer server;

    FakeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String uri = exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
                received.add(new Received(exchange.getRequestMethod(), uri, body,
                        exchange.getRequestHeaders().getFirst("X-Firelane-User"),
                        exchange.getRequestHeaders().getFirst("Authorization")));
                Canned canned = answers.getOrDefault(exchange.getRequestMethod() + " " + uri,
                        new Canned(404, "{\"error\":\"not_found\",\"message\":\"no such endpoint\"}"));
                byte[] bytes = canned.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(canned.status(), bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        });
        server.start();
    }

    FakeApi answer(String methodAndUri, int status, String body) {
        answers.put(methodAndUri, new Canned(status, body));
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
