package dev.firelane.worker.handlers.http;

import static dev.firelane.worker.testing.FireBuilder.aFire;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.firelane.protocol.RunOutcome;
import dev.firelane.worker.spi.HandlerResult;
import dev.firelane.worker.testing.TestRunContext;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The http handler against a JDK HTTP server on 127.0.0.1. */
class HttpHandlerTest {
    private final CountDownLatch slowRelease = new CountDownLatch(1);
    private final List<Recorded> received = new CopyOnWriteArrayList<>();
    private final HttpHandler allowedLocal = new HttpHandler(HttpHandlerConfig.builder().allow("127.0.0.1/32").build());
    private HttpServer server;
    private String base;

    record Recorded(String method, String path, Map<String, String> headers, String body) {
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", exchange -> answer(exchange, 200, "{\"accepted\":true}"));
        server.createContext("/fail", exchange -> answer(exchange, 500, "database down\n  try later"));
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://169.254.169.254/");
            answer(exchange, 302, "");
        });
        server.createContext("/slow", exchange -> {
            try {
                slowRelease.await(30, TimeUnit.SECONDS); // a server that does not answer in time
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, 200, "late");
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        slowRelease.countDown();
        server.stop(0);
    }

    @Test
    void a_2xx_answer_is_ok_with_its_status_and_the_request_carries_the_payload_and_the_fire_id() throws Exception {
        TestRunContext context = context("{\"method\":\"PUT\",\"url\":\"" + base + "/ok\",\"headers\":{\"X-Token\":\"t1\"},"
                + "\"body\":{\"report\":\"daily\"}}");

        HandlerResult result = allowedLocal.run(context);

        assertThat(result).isEqualTo(HandlerResult.ok(200));
        Recorded request = received.get(0);
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.body()).isEqualTo("{\"report\":\"daily\"}");
        assertThat(request.headers()).containsEntry("x-token", "t1")
                .containsEntry("content-type", "application/json")
                .containsEntry("idempotency-key", context.fireId())
                .containsEntry("x-firelane-fire-id", context.fireId())
                .containsEntry("x-firelane-job-id", "hooks")
                .containsEntry("x-firelane-attempt", "1");
    }

    @Test
    void a_5xx_answer_is_an_error_keeping_the_status_and_a_snippet_of_the_body() throws Exception {
        HandlerResult result = allowedLocal.run(context("{\"url\":\"" + base + "/fail\",\"body\":\"ping\"}"));

        assertThat(result.outcome()).isEqualTo(RunOutcome.ERROR);
        assertThat(result.deliveryStatus()).isEqualTo(500);
        assertThat(result.error()).isEqualTo("http: HTTP 500: database down try later");
        assertThat(received.get(0).method()).isEqualTo("POST");
        assertThat(received.get(0).headers()).containsEntry("content-type", "text/plain; charset=utf-8");
    }

    @Test
    void a_slow_server_is_a_timeout_after_timeout_ms() throws Exception {
        long start = System.nanoTime();
        HandlerResult result = allowedLocal.run(context("{\"url\":\"" + base + "/slow\",\"timeoutMs\":300}"));

        assertThat(result.outcome()).isEqualTo(RunOutcome.TIMEOUT);
        assertThat(result.error()).contains("no answer", "within 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void the_request_timeout_never_outlasts_the_fires_deadline() throws Exception {
        var fire = aFire().job("hooks").handler("http").payload("{\"url\":\"" + base + "/slow\"}")
                .deadline(FIXED_START.plusMillis(250)).build();

        HandlerResult result = allowedLocal.run(TestRunContext.of(fire));

        assertThat(result.outcome()).isEqualTo(RunOutcome.TIMEOUT);
        assertThat(result.error()).contains("within 250 ms");
    }

    @Test
    void a_refused_connection_is_an_error_without_delivery_status() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        HandlerResult result = allowedLocal.run(context("{\"url\":\"http://127.0.0.1:" + closedPort + "/x\"}"));

        assertThat(result.outcome()).isEqualTo(RunOutcome.ERROR);
        assertThat(result.error()).contains("cannot connect to 127.0.0.1:" + closedPort);
        assertThat(result.deliveryStatus()).isNull();
    }

    @Test
    void a_destination_outside_the_allow_list_is_refused_before_anything_is_sent() throws Exception {
        HandlerResult byDefault = new HttpHandler().run(context("{\"url\":\"" + base + "/ok\"}"));
        HttpHandler onlyHooks = new HttpHandler(HttpHandlerConfig.builder().allow(base + "/hooks/").build());
        HandlerResult otherPath = onlyHooks.run(context("{\"url\":\"" + base + "/ok\"}"));

        assertThat(byDefault.outcome()).isEqualTo(RunOutcome.ERROR);
        assertThat(byDefault.error()).contains("destination 127.0.0.1", "not allowed", "http allow-list 'public'", "worker.http.allow");
        assertThat(otherPath.error()).contains("not allowed");
        assertThat(received).as("nothing reached the server").isEmpty();
    }

    @Test
    void a_redirect_is_not_followed() throws Exception {
        HandlerResult result = allowedLocal.run(context("{\"method\":\"GET\",\"url\":\"" + base + "/moved\"}"));

        assertThat(result.outcome()).isEqualTo(RunOutcome.ERROR);
        assertThat(result.deliveryStatus()).isEqualTo(302);
        assertThat(received).hasSize(1);
    }

    @Test
    void a_cancelled_run_stops_waiting_for_the_answer() throws Exception {
        HandlerResult result = allowedLocal.run(context("{\"url\":\"" + base + "/slow\"}").cancel());

        assertThat(result.outcome()).isEqualTo(RunOutcome.CANCELLED);
    }

    @Test
    void a_payload_that_is_no_request_is_an_error_naming_the_field() throws Exception {
        assertThat(allowedLocal.run(context("{\"body\":1}")).error()).contains("\"url\" is required");
        assertThat(allowedLocal.run(context("{\"url\":\"ftp://x/\"}")).error()).contains("http:// or https://");
        assertThat(allowedLocal.run(context("{\"url\":\"" + base + "/ok\",\"method\":\"BREW\"}")).error()).contains("\"method\"");
        assertThat(allowedLocal.run(context("{\"url\":\"" + base + "/ok\",\"timeoutMs\":-5}")).error()).contains("\"timeoutMs\"");
        assertThat(allowedLocal.run(context("{\"url\":\"" + base + "/ok\",\"headers\":{\"Host\":\"evil\"}}")).error())
                .containsIgnoringCase("host");
        assertThat(received).isEmpty();
    }

    private static final java.time.Instant FIXED_START = java.time.Instant.parse("2030-01-01T00:00:00Z");

    private static TestRunContext context(String payload) {
        return TestRunContext.of(aFire().job("hooks").handler("http").scheduledAt(FIXED_START).payload(payload).build());
    }

    private void answer(HttpExchange exchange, int status, String body) throws IOException {
        Map<String, String> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
        received.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers,
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
