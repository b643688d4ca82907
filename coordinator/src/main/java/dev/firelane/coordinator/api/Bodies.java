package dev.firelane.coordinator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/** Reading request bodies; a body that is not a JSON object is a 400 naming {@code body}. */
final class Bodies {
    /** Longest reason accepted (the audit column's size). */
    static final int MAX_REASON_LENGTH = 1024;

    private Bodies() {
    }

    static JsonNode object(byte[] body) {
        if (body.length == 0) {
            throw ApiException.invalid("body", "a JSON object is required");
        }
        JsonNode root;
        try {
            root = ApiJson.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.invalid("body", "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.invalid("body", "cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw ApiException.invalid("body", "must be a JSON object");
        }
        return root;
    }

    /** The optional {@code reason} of a command body. */
    static String reason(JsonNode root) {
        JsonNode node = root.get("reason");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.invalid("reason", "must be a string");
        }
        if (node.textValue().length() > MAX_REASON_LENGTH) {
            throw ApiException.invalid("reason", "is " + node.textValue().length() + " characters; the limit is "
                    + MAX_REASON_LENGTH);
        }
        return node.textValue();
    }

    /** The reason of an optional body such as {@code {"reason":"…"}} (pause, resume, trigger, delete). */
    static String optionalReason(ApiRequest request) {
        return request.hasBody() ? reason(object(request.body())) : null;
    }
}
