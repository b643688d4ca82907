package dev.firelane.deploy.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firelane.protocol.FirelaneException;

/**
 * The API answered with an error. {@link #exitCode()} maps it to the CLI's exit codes: 3 not found,
 * 4 invalid or rejected (400/409/413, and 401/403: no valid token, or a viewer's token for a change),
 * 5 timed out (504), 1 anything else.
 */
public final class ApiCallException extends FirelaneException {
    public static final int EXIT_NOT_FOUND = 3;
    public static final int EXIT_REFUSED = 4;
    public static final int EXIT_TIMEOUT = 5;
    public static final int EXIT_OTHER = 1;

    private final int status;
    private final JsonNode body;

    public ApiCallException(int status, String message, JsonNode body) {
        super(message);
        this.status = status;
        this.body = body;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The API's JSON error body, or null if it sent none. */
    public JsonNode body() {
        return body;
    }

    public int exitCode() {
        return switch (status) {
            case 404 -> EXIT_NOT_FOUND;
            case 400, 401, 403, 409, 413 -> EXIT_REFUSED;
            case 504 -> EXIT_TIMEOUT;
            default -> EXIT_OTHER;
        };
    }
}
