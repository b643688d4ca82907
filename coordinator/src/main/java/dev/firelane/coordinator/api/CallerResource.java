package dev.firelane.coordinator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/whoami}: the token's name and role, so a client (the dashboard) can check a token and
 * offer only what it may do. {@code auth} is false when the API runs open.
 */
final class CallerResource {
    void register(Router router) {
        router.add("GET", "/api/whoami", Access.READ, request -> {
            ObjectNode n = ApiJson.MAPPER.createObjectNode();
            n.put("name", request.caller().name());
            n.put("role", request.caller().role().wire());
            n.put("auth", request.caller().authenticated());
            return ApiResponse.ok(n);
        });
    }
}
