package dev.firelane.deploy.job;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/** A tiny HTTP server that answers canned API JSON per "METHOD path" and records what it was sent. */
final class FakeApi implements AutoCloseable {
    record Canned(int status, String body) {
    }

    record Received(String method, String uri, String body, String user, String authorization) {
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Canned> answers = new ConcurrentHashMap<>();
    /** Answers given once each, in order, before those of {@link #answers}. */
    private final Map<String, Queue<Canned>> turns = new ConcurrentHashMap<>();
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
                String key = exchange.getRequestMethod() + " " + uri;
                Canned turn = turns.getOrDefault(key, new ConcurrentLinkedQueue<>()).poll();
                Canned canned = turn != null ? turn : answers.getOrDefault(key,
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

    /** Answers the next requests to {@code methodAndUri} with {@code bodies}, one each, in order. */
    FakeApi answerInTurn(String methodAndUri, int status, String... bodies) {
        Queue<Canned> queue = turns.computeIfAbsent(methodAndUri, key -> new ConcurrentLinkedQueue<>());
        for (String body : bodies) {
            queue.add(new Canned(status, body));
        }
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
