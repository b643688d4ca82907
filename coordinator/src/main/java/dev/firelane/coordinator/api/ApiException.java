package dev.firelane.coordinator.api;

import dev.firelane.protocol.FirelaneException;

/**
 * A request the API answers with an error status and a JSON body {@code {"error", "field", "message"}}
 * ({@code field} null when no single request field is at fault).
 */
public final class ApiException extends FirelaneException {
    private final int status;
    private final String error;
    private final String field;

    public ApiException(int status, String error, String field, String message) {
        super(message);
        this.status = status;
        this.error = error;
        this.field = field;
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(400, "invalid", field, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", null, message);
    }

    public static ApiException conflict(String error, String message) {
        return new ApiException(409, error, null, message);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    /** The request field at fault, or null. */
    public String field() {
        return field;
    }
}
