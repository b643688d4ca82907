package dev.firelane.deploy.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firelane.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A bare HTTP client for end-to-end tests: the real REST API, no Firelane client code in between. */
public final class ApiClient {
    private static final ObjectMapper MAPPER = Json.newMapper();

    public record Reply(int status, JsonNode body) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    public ApiClient(String base) {
        this(base, null);
    }

    /** @param token sent as {@code Authorization: Bearer …}; null for none */
    public ApiClient(String base, String token) {
        this.base = base;
        this.token = token;
    }

    String base() {
        return base;
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Reply post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("X-Firelane-User", "e2e-test")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** The value of the first sample of a Prometheus series on {@code /metrics}, e.g. {@code firelane_status_lag}. */
    double metric(String series) {
        return text("/metrics").lines().filter(l -> l.startsWith(series + " ") || l.startsWith(series + "{"))
                .findFirst().map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).orElse(Double.NaN);
    }

    public Reply put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("X-Firelane-User", "e2e-test")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply delete(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("X-Firelane-User", "e2e-test")
                .method("DELETE", HttpRequest.BodyPublishers.ofString(json)));
    }

    public JsonNode job(String id) {
        Reply reply = get("/api/jobs/" + id);
        if (reply.status() != 200) {
            throw new AssertionError("GET job " + id + " -> " + reply);
        }
        return reply.body();
    }

    public JsonNode runs(String id) {
        Reply reply = get("/api/jobs/" + id + "/runs?limit=1000");
        if (reply.status() != 200) {
            throw new AssertionError("GET runs " + id + " -> " + reply);
        }
        return reply.body();
    }

    /** The body of a non-JSON answer, e.g. {@code /metrics}. */
    String text(String path) {
        try {
            HttpResponse<String> response = http.send(withToken(HttpRequest.newBuilder(URI.create(base + path)).GET())
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + path + " -> " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder withToken(HttpRequest.Builder request) {
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private Reply send(HttpRequest.Builder request) {
        withToken(request);
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            return new Reply(response.statusCode(), body == null || body.isBlank() ? null : MAPPER.readTree(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
