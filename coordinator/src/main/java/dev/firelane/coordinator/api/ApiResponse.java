package dev.firelane.coordinator.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A status, extra headers and a body: JSON (the API), or raw bytes of a content type (the dashboard's
 * files, {@code /metrics}).
 *
 * @param body        the JSON body; null for none or when {@code raw} is set
 * @param raw         a non-JSON body, or null
 * @param contentType the type of {@code raw}
 */
public record ApiResponse(int status, JsonNode body, Map<String, String> headers, byte[] raw, String contentType) {
    public ApiResponse(int status, JsonNode body, Map<String, String> headers) {
        this(status, body, headers, null, null);
    }

    public ApiResponse(int status, JsonNode body) {
        this(status, body, Map.of());
    }

    public static ApiResponse ok(JsonNode body) {
        return new ApiResponse(200, body);
    }

    static ApiResponse raw(int status, String contentType, byte[] bytes, Map<String, String> headers) {
        return new ApiResponse(status, null, headers, bytes, contentType);
    }

    /** The same response with one more header. */
    ApiResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiResponse(status, body, Map.copyOf(more), raw, contentType);
    }
}
