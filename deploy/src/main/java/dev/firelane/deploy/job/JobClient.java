package dev.firelane.deploy.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.firelane.protocol.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * A client of the Firelane REST API. Every method returns the API's JSON, or throws
 * {@link ApiCallException} (the API answered with an error) or {@link ServerUnreachableException}.
 */
public final class JobClient {
    public static final String DEFAULT_SERVER = "http://localhost:8080";
    /** Longer than the server's command wait (10 s by default), so the server's 504 is what a user sees. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final ObjectMapper MAPPER = Json.newMapper();
    /** The largest page {@code GET /api/jobs} serves. */
    static final int MAX_LIST_PAGE = 10_000;

    private final URI server;
    private final String user;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;
    private boolean wait = true;

    /**
     * @param server base URL such as {@code http://localhost:8080}
     * @param user   sent as {@code X-Firelane-User} (used by a server without authentication); null to let
     *               the server say {@code api}
     * @param token  sent as {@code Authorization: Bearer …}; null for none
     */
    public JobClient(URI server, String user, String token, Duration timeout) {
        String text = server.toString();
        this.server = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.user = user;
        this.token = token;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public JobClient(URI server, String token) {
        this(server, System.getProperty("user.name"), token, DEFAULT_TIMEOUT);
    }

    /**
     * Whether commands wait until applied (the default). Without waiting the server answers 202 with the
     * command id as soon as the command is on the broker.
     */
    public JobClient waitUntilApplied(boolean wait) {
        this.wait = wait;
        return this;
    }

    public URI server() {
        return server;
    }

    public JsonNode create(ObjectNode job) {
        return send("POST", command("/api/jobs"), job);
    }

    /** Replaces a job's definition ({@code PUT /api/jobs/{id}}); the body holds the whole new definition. */
    public JsonNode update(String id, ObjectNode job) {
        return send("PUT", command(job(id)), job);
    }

    /**
     * The next fire times of a job ({@code GET /api/jobs/{id}/next}).
     *
     * @param from null for the server's now
     */
    public JsonNode next(String id, int count, Instant from) {
        return send("GET", job(id) + "/next?count=" + count + (from == null ? "" : "&from=" + encode(from.toString())),
                null);
    }

    /** Jobs by id; {@code status} null for every job not deleted; {@code limit} null for the server's default. */
    public JsonNode list(String status, Integer limit, int offset) {
        return send("GET", "/api/jobs" + query("status", status, "limit", limit, "offset", offset), null);
    }

    public JsonNode list(String status) {
        return list(status, null, 0);
    }

    /** Every job that is not deleted, page by page. */
    public ArrayNode listAll() {
        ArrayNode all = MAPPER.createArrayNode();
        for (int offset = 0; ; offset += MAX_LIST_PAGE) {
            JsonNode page = list(null, MAX_LIST_PAGE, offset);
            page.forEach(all::add);
            if (page.size() < MAX_LIST_PAGE) {
                return all;
            }
        }
    }

    /**
     * Creates or updates many jobs ({@code POST /api/jobs/bulk}): the answer has a result per item. A partial
     * failure is a 207, which is returned like a 200: the items say what failed.
     *
     * @param dryRun only say what would happen; nothing is sent to the broker
     */
    public JsonNode bulk(ArrayNode jobs, boolean dryRun) {
        return send("POST", dryRun ? "/api/jobs/bulk?dryRun=true" : command("/api/jobs/bulk"), jobs);
    }

    public JsonNode show(String id) {
        return send("GET", job(id), null);
    }

    public JsonNode runs(String id, int limit, int offset) {
        return send("GET", job(id) + "/runs" + query("limit", limit, "offset", offset), null);
    }

    public JsonNode runs(String id, int limit) {
        return runs(id, limit, 0);
    }

    public JsonNode audit(String id, Integer limit, int offset) {
        return send("GET", job(id) + "/audit" + query("limit", limit, "offset", offset), null);
    }

    public JsonNode audit(String id) {
        return audit(id, null, 0);
    }

    public JsonNode pause(String id, String reason) {
        return send("POST", command(job(id) + "/pause"), reasonBody(reason));
    }

    public JsonNode resume(String id, String reason) {
        return send("POST", command(job(id) + "/resume"), reasonBody(reason));
    }

    public JsonNode trigger(String id, String reason) {
        return send("POST", command(job(id) + "/trigger"), reasonBody(reason));
    }

    public JsonNode delete(String id, String reason) {
        return send("DELETE", command(job(id)), reasonBody(reason));
    }

    public JsonNode cancel(String id, String fireId, String reason) {
        return send("POST", command(job(id) + "/runs/" + encode(fireId) + "/cancel"), reasonBody(reason));
    }

    /** Who the server takes this client for ({@code GET /api/whoami}). */
    public JsonNode whoami() {
        return send("GET", "/api/whoami", null);
    }

    private static String job(String id) {
        return "/api/jobs/" + encode(id);
    }

    private String command(String path) {
        return wait ? path : path + "?wait=false";
    }

    /** {@code ?a=1&b=2} of the pairs whose value is set (an offset of 0 is left out); empty if none. */
    private static String query(Object... pairs) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            if (value == null || (pairs[i].equals("offset") && value.equals(0))) {
                continue;
            }
            out.append(out.length() == 0 ? '?' : '&').append(pairs[i]).append('=').append(encode(value.toString()));
        }
        return out.toString();
    }

    private static ObjectNode reasonBody(String reason) {
        if (reason == null) {
            return null;
        }
        ObjectNode body = MAPPER.createObjectNode();
        body.put("reason", reason);
        return body;
    }

    private JsonNode send(String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server + path)).timeout(timeout)
                .header("Accept", "application/json");
        if (user != null && !user.isBlank()) {
            request.header("X-Firelane-User", user);
        }
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ServerUnreachableException("cannot reach Firelane at " + server + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerUnreachableException("interrupted while calling Firelane at " + server, e);
        }
        JsonNode json = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            throw new ApiCallException(response.statusCode(), errorMessage(response.statusCode(), json, response.body()),
                    json);
        }
        if (json == null) {
            throw new ApiCallException(response.statusCode(), "the server at " + server
                    + " answered without JSON; is it Firelane?", null);
        }
        return json;
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private String errorMessage(int status, JsonNode json, String raw) {
        if (status == 401) {
            return "rejected (401 unauthorized): " + (json != null && json.hasNonNull("message")
                    ? json.get("message").asText() : "the server wants a token") + (token == null
                    ? "; pass a token with --token or FIRELANE_TOKEN ('firelane dev' prints one and writes it to"
                            + " <data-dir>/operator.token)"
                    : "; check --token / FIRELANE_TOKEN / --token-file");
        }
        if (status == 403) {
            return "rejected (403 forbidden): " + (json != null && json.hasNonNull("message")
                    ? json.get("message").asText() : "this token may not do that");
        }
        if (json != null && json.hasNonNull("message")) {
            String field = json.hasNonNull("field") ? json.get("field").asText() : "";
            String message = json.get("message").asText();
            return field.isEmpty() || message.startsWith(field) ? message : field + ": " + message;
        }
        String text = raw == null ? "" : raw.strip();
        return "HTTP " + status + (text.isEmpty() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) : text));
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        if (e instanceof java.net.ConnectException || message == null || message.isBlank()) {
            return "connection refused or no route (" + e.getClass().getSimpleName() + ")";
        }
        return message;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
