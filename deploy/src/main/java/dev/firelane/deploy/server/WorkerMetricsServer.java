package dev.firelane.deploy.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.firelane.worker.Worker;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone worker's monitoring port ({@code worker.metrics.port}): {@code GET /metrics} in the
 * Prometheus text format, {@code GET /health} 200 while the worker's poll loop runs and 503 once it stopped.
 */
public final class WorkerMetricsServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkerMetricsServer.class);
    /** The meters in the Prometheus text format. */
    public static final String METRICS_PATH = "/metrics";
    /** 200 while the worker's poll loop runs, 503 once it stopped: the worker's readiness and liveness probe. */
    public static final String HEALTH_PATH = "/health";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;

    private WorkerMetricsServer(HttpServer server) {
        this.server = server;
    }

    /** Listens on every interface at {@code port} (0 picks a free one). */
    public static WorkerMetricsServer start(int port, Worker worker, PrometheusMeterRegistry registry) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on worker.metrics.port " + port + ": " + e.getMessage(), e);
        }
        server.createContext(METRICS_PATH, exchange -> respond(exchange, 200, PROMETHEUS_TEXT, registry.scrape()));
        server.createContext(HEALTH_PATH, exchange -> {
            boolean up = worker.isRunning();
            String body = "{\"status\":\"" + (up ? "up" : "down") + "\",\"workerId\":\"" + worker.workerId()
                    + "\",\"inFlight\":" + worker.counters().inFlight() + ",\"cancels\":"
                    + worker.listensForCancels() + "}";
            respond(exchange, up ? 200 : 503, "application/json", body);
        });
        server.start();
        log.info("worker {} serves /metrics and /health on port {}", worker.workerId(), server.getAddress().getPort());
        return new WorkerMetricsServer(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
