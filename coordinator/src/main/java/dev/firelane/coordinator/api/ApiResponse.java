package dev.firelane.coordinator.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** A status, a JSON body and any extra headers. */
public record ApiResponse(int status, JsonNode body, Map<String, String> headers) {
    public ApiResponse(int status, JsonNode body) {
        this(status, body, Map.of());
    }

    public static ApiResponse ok(JsonNode body) {
        return new ApiResponse(200, body);
    }
}
