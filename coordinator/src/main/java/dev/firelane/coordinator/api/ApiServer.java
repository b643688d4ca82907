package dev.firelane.coordinator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.firelane.coordinator.api.auth.Caller;
import dev.firelane.coordinator.schedule.ScheduleCalculator;
import dev.firelane.coordinator.stats.StatsSeries;
import dev.firelane.protocol.FirelaneException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API of DESIGN.md "Operator surface", the dashboard, {@code /health} and {@code /metrics}, on
 * the JDK's HTTP server. Reads come from the database through {@link JobQueries}; changes go out as
 * commands through a {@link CommandPublisher}. It never writes the database. A {@link Gatekeeper} checks
 * the bearer token of everything under {@code /api}.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    private static final long MAX_DRAIN_BYTES = 64L * 1024 * 1024;

    static {
        HttpLimits.apply();
    }

    private final ApiConfig config;
    private final Router router = new Router();
    private final Gatekeeper gatekeeper;
    private final ApiMetrics metrics;
    private final LongSupplier nanoTicker;
    private final HttpServer server;
    private final ExecutorService executor;
    private volatile boolean closed;

    /**
     * @param queries   the read side (needs {@link JobQueryMapper} registered)
     * @param publisher where commands go
     * @param probes    what {@code /health} reports
     * @param clock     stamps {@code requestedAt} of commands
     * @param meters    the process's registry: the API's meters go there, {@code /metrics} shows all of it
     */
    public ApiServer(ApiConfig config, JobQueries queries, CommandPublisher publisher, List<HealthProbe> probes,
                     Clock clock, PrometheusMeterRegistry meters) {
        this(config, queries, publisher, FiringControl.NOT_TRACKED, probes, clock, meters, StatsSeries.NONE,
                System::nanoTime);
    }

    /** @param firing whether the fire topology has stopped firing a paused or deleted job (a pause waits for it) */
    public ApiServer(ApiConfig config, JobQueries queries, CommandPublisher publisher, FiringControl firing,
                     List<HealthProbe> probes, Clock clock, PrometheusMeterRegistry meters) {
        this(config, queries, publisher, firing, probes, clock, meters, StatsSeries.NONE, System::nanoTime);
    }

    /** @param stats what {@code GET /api/stats/series} shows (the coordinator's sampler) */
    public ApiServer(ApiConfig config, JobQueries queries, CommandPublisher publisher, FiringControl firing,
                     List<HealthProbe> probes, Clock clock, PrometheusMeterRegistry meters, StatsSeries stats) {
        this(config, queries, publisher, firing, probes, clock, meters, stats, System::nanoTime);
    }

    ApiServer(ApiConfig config, JobQueries queries, CommandPublisher publisher, List<HealthProbe> probes, Clock clock,
              PrometheusMeterRegistry meters, LongSupplier nanoTicker) {
        this(config, queries, publisher, FiringControl.NOT_TRACKED, probes, clock, meters, StatsSeries.NONE,
                nanoTicker);
    }

    ApiServer(ApiConfig config, JobQueries queries, CommandPublisher publisher, FiringControl firing,
              List<HealthProbe> probes, Clock clock, PrometheusMeterRegistry meters, StatsSeries stats,
              LongSupplier nanoTicker) {
        this.config = config;
        this.gatekeeper = new Gatekeeper(config.auth());
        this.metrics = new ApiMetrics(meters);
        this.nanoTicker = nanoTicker;
        CommandAwaiter awaiter = new CommandAwaiter(queries, config.pollInterval(), nanoTicker);
        new JobQueryResource(queries).register(router);
        new NextFiresResource(queries, new ScheduleCalculator(), clock).register(router);
        new JobCommandResource(queries, publisher, awaiter, firing, config, clock).register(router);
        new BulkJobsResource(queries, publisher, awaiter, config, clock).register(router);
        new CallerResource().register(router);
        new HealthResource(probes).register(router);
        new MetricsResource(meters).register(router);
        new StatsResource(stats, clock).register(router);
        new DashboardResource().register(router);
        new OpenApiResource().register(router);
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

    /** Every route with what it needs from the caller, for tests of the API's protection. */
    Map<String, Access> accessByRoute() {
        return router.accessByRoute();
    }

    private void handle(HttpExchange exchange) {
        long start = nanoTicker.getAsLong();
        String[] route = {ApiMetrics.UNMATCHED};
        int status = 500;
        try (exchange) {
            ApiResponse response = respond(exchange, route);
            status = response.status();
            send(exchange, response);
        } catch (IOException | RuntimeException e) {
            log.debug("cannot answer {} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.toString());
        } finally {
            metrics.record(exchange.getRequestMethod(), route[0], status, nanoTicker.getAsLong() - start);
        }
    }

    /** Routes, admits and handles one request; puts the matched route's template in {@code route[0]}. */
    private ApiResponse respond(HttpExchange exchange, String[] route) {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        try {
            Router.Match match = null;
            RuntimeException unrouted = null;
            try {
                match = router.route(method, path);
                route[0] = match.template();
            } catch (ApiException | Router.MethodNotAllowed e) {
                unrouted = e; // answered after the token check: under /api a 401 comes first
            }
            Caller caller = gatekeeper.admit(path, match == null ? null : match.access(),
                    method + " " + route[0], exchange.getRequestHeaders());
            if (unrouted != null) {
                throw unrouted;
            }
            ApiRequest request = new ApiRequest(method, path, match.pathParams(),
                    ApiRequest.parseQuery(exchange.getRequestURI().getRawQuery()), caller,
                    readBody(exchange, match.maxBodyBytes() > 0 ? match.maxBodyBytes() : config.maxBodyBytes()),
                    exchange.getRequestHeaders().getFirst("Content-Type"));
            return match.handler().handle(request);
        } catch (ApiException e) {
            ApiResponse response = new ApiResponse(e.status(), ApiJson.error(e.error(), e.field(), e.getMessage()));
            return e.status() == 401 ? response.withHeader("WWW-Authenticate", Gatekeeper.CHALLENGE) : response;
        } catch (Router.MethodNotAllowed e) {
            return new ApiResponse(405, ApiJson.error("method_not_allowed", null, e.getMessage()),
                    Map.of("Allow", String.join(", ", e.allowed())));
        } catch (CommandPublisher.CommandPublishException e) {
            log.warn("{} {}: {}", method, path, e.getMessage());
            return new ApiResponse(503, ApiJson.error("unavailable", null, e.getMessage()));
        } catch (CommandAwaiter.CommandUnconfirmedException e) {
            log.warn("{} {}: {} ({})", method, path, e.getMessage(), e.getCause().toString());
            ObjectNode body = ApiJson.error("unconfirmed", null, e.getMessage());
            body.put("commandId", e.commandId());
            return new ApiResponse(503, body, Map.of("Retry-After", "5"));
        } catch (RuntimeException e) {
            if (DatabaseErrors.isUnavailable(e)) {
                log.warn("{} {}: the job database does not answer: {}", method, path, DatabaseErrors.rootText(e));
                return new ApiResponse(503, ApiJson.error("database_unavailable", null,
                        "the job database does not answer; try again shortly (a command already published is applied"
                                + " when it is back: the job's audit shows it)"),
                        Map.of("Retry-After", "5"));
            }
            return internalError(method, path, e);
        }
    }

    private static ApiResponse internalError(String method, String path, RuntimeException e) {
        // the cause stays in the log: exception text can name tables, hosts or data the caller must not see
        String errorId = UUID.randomUUID().toString();
        log.error("{} {} failed (errorId={})", method, path, errorId, e);
        ObjectNode body = ApiJson.error("internal", null, "internal error; the coordinator's log has its details"
                + " under errorId " + errorId);
        body.put("errorId", errorId);
        return new ApiResponse(500, body);
    }

    private static byte[] readBody(HttpExchange exchange, int maxBodyBytes) {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(maxBodyBytes + 1);
            if (body.length > maxBodyBytes) {
                // read (and drop) a bounded rest, so the client sees the 413 rather than a reset connection
                drain(in);
                throw new ApiException(413, "too_large", "body", "the request body is larger than "
                        + maxBodyBytes + " bytes");
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
        byte[] bytes;
        if (response.raw() != null) {
            bytes = response.raw();
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
        } else {
            bytes = bytes(response.body());
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            // answers under /api carry job data behind a token: no cache keeps a copy
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
        }
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
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
