package dev.firelane.coordinator.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@code GET /api/openapi.json}: the OpenAPI 3.1 description of this API, a hand-written file in the jar
 * ({@value #RESOURCE}) that {@code OpenApiContractTest} holds to the router. Like everything under {@code /api}
 * it needs a token; any role may read it (the dashboard and tools already hold one).
 */
final class OpenApiResource {
    static final String PATH = "/api/openapi.json";
    static final String RESOURCE = "/dev/firelane/coordinator/api/openapi.json";
    static final String CONTENT_TYPE = "application/json; charset=utf-8";

    private final byte[] document;

    OpenApiResource() {
        this.document = read();
    }

    void register(Router router) {
        router.add("GET", PATH, Access.READ, request -> ApiResponse.raw(200, CONTENT_TYPE, document,
                Map.of("Cache-Control", "no-cache")));
    }

    /** The document as it is served. */
    static byte[] read() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the API description " + RESOURCE + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
