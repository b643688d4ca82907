package dev.firelane.coordinator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.firelane.coordinator.schedule.ScheduleCalculator;
import dev.firelane.protocol.FirelaneException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API of DESIGN.md "Operator surface", on the JDK's HTTP server. Reads come from the database
 * through {@link JobQueries}; changes go out as commands through a {@link CommandPublisher}. It never
 * writes the database.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    private static final int MAX_USER_LENGTH = 128;
    private static final long MAX_DRAIN_BYTES = 64L * 1024 * 1024;

    private final ApiConfig config;
    private final Router router = new Router();
    private final HttpServer server;
    private final ExecutorService executor;
    private volatile boolean closed;

    /**
     * @param queries   the read side (needs {@link JobQueryMapper} registered)
     * @param publisher where commands go
     * @param probes    what {@code /health} reports
     * @param clock     stamps {@code requestedAt} of commands
     */
    public ApiServer(ApiConfig config, JobQueries queries, CommandPublisher publisher, List<HealthProbe> probes,
                     Clock clock) {
        this(config, queries, publisher, probes, clock, System::nanoTime);
    }

    ApiServer(ApiConfig config, JobQueries queries, CommandPublisher publisher, List<HealthProbe> probes, Clock clock,
              LongSupplier nanoTicker) {
        this.config = config;
        CommandAwaiter awaiter = new CommandAwaiter(queries, config.pollInterval(), nanoTicker);
        new JobQueryResource(queries).register(router);
        new NextFiresResource(queries, new ScheduleCalculator(), clock).register(router);
        new JobCommandResource(queries, publisher, awaiter, config, clock).register(router);
        new HealthResource(probes).register(router);
        try {
            this.server = HttpServer.create(new InetSocketAddress(config.bindAddress(), config.port()), 64);
        } catch (IOException e) {
            throw new FirelaneException("the REST API cannot listen on " + config.bindAddress() + ":" + config.port()
                    + ": " + e.getMessage(), e);
        }
        this.executor = Executors.newFixedThreadPool(config.threads(), threadFactory());
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Starts listening; returns this. */
    public ApiServer start() {
        server.start();
        log.info("REST API listening on http://{}:{}/ ({})", config.bindAddress(), port(), config);
        return this;
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("REST API stopped");
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            ApiResponse response = respond(exchange);
            send(exchange, response);
        } catch (IOException | RuntimeException e) {
            log.debug("cannot answer {} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.toString());
        }
    }

    private ApiResponse respond(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        try {
            Router.Match match = router.route(method, path);
            ApiRequest request = new ApiRequest(method, path, match.pathParams(),
                    ApiRequest.parseQuery(exchange.getRequestURI().getRawQuery()), user(exchange), readBody(exchange));
            return match.handler().handle(request);
        } catch (ApiException e) {
            return new ApiResponse(e.status(), ApiJson.error(e.error(), e.field(), e.getMessage()));
        } catch (Router.MethodNotAllowed e) {
            return new ApiResponse(405, ApiJson.error("method_not_allowed", null, e.getMessage()),
                    Map.of("Allow", String.join(", ", e.allowed())));
        } catch (CommandPublisher.CommandPublishException e) {
            log.warn("{} {}: {}", method, path, e.getMessage());
            return new ApiResponse(503, ApiJson.error("unavailable", null, e.getMessage()));
        } catch (RuntimeException e) {
            log.error("{} {} failed", method, path, e);
            return new ApiResponse(500, ApiJson.error("internal", null, e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    private static String user(HttpExchange exchange) {
        String user = exchange.getRequestHeaders().getFirst(ApiRequest.USER_HEADER);
        if (user == null || user.isBlank()) {
            return ApiRequest.DEFAULT_USER;
        }
        if (user.length() > MAX_USER_LENGTH) {
            throw ApiException.invalid(ApiRequest.USER_HEADER, "is longer than " + MAX_USER_LENGTH + " characters");
        }
        return user.strip();
    }

    private byte[] readBody(HttpExchange exchange) {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(config.maxBodyBytes() + 1);
            if (body.length > config.maxBodyBytes()) {
                // read (and drop) a bounded rest, so the client sees the 413 rather than a reset connection
                drain(in);
                throw new ApiException(413, "too_large", "body", "the request body is larger than "
                        + config.maxBodyBytes() + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw ApiException.invalid("body", "cannot be read: " + e.getMessage());
        }
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = MAX_DRAIN_BYTES;
        int n;
        while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
            left -= n;
        }
    }

    private static void send(HttpExchange exchange, ApiResponse response) throws IOException {
        byte[] bytes = bytes(response.body());
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static byte[] bytes(JsonNode body) throws IOException {
        return body == null ? new byte[0] : ApiJson.MAPPER.writeValueAsBytes(body);
    }

    private static ThreadFactory threadFactory() {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, "firelane-api-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
