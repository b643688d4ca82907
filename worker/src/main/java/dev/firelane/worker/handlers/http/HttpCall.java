package dev.firelane.worker.handlers.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What an {@code http} payload asks for:
 * {@code {"method":"POST","url":"https://…","headers":{"K":"V"},"body":<JSON or string>,"timeoutMs":N}}.
 * Only {@code url} is required; the method defaults to {@code POST}.
 *
 * @param body       the bytes to send, as text; null for none
 * @param jsonBody   whether {@code body} was given as JSON (then sent as {@code application/json})
 * @param timeout    the payload's {@code timeoutMs}; null when absent
 */
record HttpCall(String method, URI url, Map<String, String> headers, String body, boolean jsonBody, Duration timeout) {
    static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    /** Thrown for a payload that cannot be a request; its message is the run's error. */
    static final class BadPayload extends Exception {
        BadPayload(String message) {
            super(message);
        }
    }

    static HttpCall parse(JsonNode payload) throws BadPayload {
        if (payload == null || !payload.isObject()) {
            throw new BadPayload("payload must be an object with at least \"url\"");
        }
        return new HttpCall(method(payload.path("method")), url(payload.path("url")), headers(payload.path("headers")),
                body(payload.path("body")), isJson(payload.path("body")), timeout(payload.path("timeoutMs")));
    }

    private static String method(JsonNode node) throws BadPayload {
        if (node.isMissingNode() || node.isNull()) {
            return "POST";
        }
        String method = node.asText().toUpperCase(Locale.ROOT);
        if (!node.isTextual() || !METHODS.contains(method)) {
            throw new BadPayload("payload field \"method\" must be one of " + METHODS + ", got " + node);
        }
        return method;
    }

    private static URI url(JsonNode node) throws BadPayload {
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new BadPayload("payload field \"url\" is required (an http:// or https:// URL)");
        }
        URI url;
        try {
            url = new URI(node.asText());
        } catch (java.net.URISyntaxException e) {
            throw new BadPayload("payload field \"url\" is not a URL: " + e.getMessage());
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new BadPayload("payload field \"url\" must be http:// or https://, got " + node.asText());
        }
        if (url.getHost() == null) {
            throw new BadPayload("payload field \"url\" has no host: " + node.asText());
        }
        return url;
    }

    private static Map<String, String> headers(JsonNode node) throws BadPayload {
        Map<String, String> headers = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return headers;
        }
        if (!node.isObject()) {
            throw new BadPayload("payload field \"headers\" must be an object of names to strings");
        }
        var fields = node.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (!field.getValue().isValueNode() || field.getValue().isNull()) {
                throw new BadPayload("header \"" + field.getKey() + "\" must be a string");
            }
            headers.put(field.getKey(), field.getValue().asText());
        }
        return headers;
    }

    private static String body(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        return node.isTextual() ? node.asText() : node.toString();
    }

    private static boolean isJson(JsonNode node) {
        return !node.isMissingNode() && !node.isNull() && !node.isTextual();
    }

    private static Duration timeout(JsonNode node) throws BadPayload {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || node.asLong() < 1) {
            throw new BadPayload("payload field \"timeoutMs\" must be a positive whole number, got " + node);
        }
        return Duration.ofMillis(node.asLong());
    }

    /** The header named {@code name}, whatever its case, if the payload sets it. */
    boolean hasHeader(String name) {
        return headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase(name));
    }
}
