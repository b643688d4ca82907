package dev.firelane.coordinator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The API's OpenAPI document as tests and the docs generator read it: its operations, with local
 * {@code $ref}s ({@code #/components/...}) followed where an object stands for a parameter, response or body.
 */
final class OpenApiDocument {
    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    /** One operation: {@code GET /api/jobs/{id}} and its object, with the path item's parameters merged in. */
    record Operation(String method, String path, JsonNode node, List<JsonNode> parameters) {
        String key() {
            return method + " " + path;
        }

        /** What its security requirement asks: none ({@code []}), any token ({@code bearerAuth: []}), an operator token. */
        Access access() {
            JsonNode security = node.get("security");
            if (security == null) {
                throw new IllegalStateException(key() + " states no security");
            }
            if (security.isEmpty()) {
                return Access.PUBLIC;
            }
            JsonNode roles = security.get(0).path("bearerAuth");
            if (security.size() != 1 || !roles.isArray()) {
                throw new IllegalStateException(key() + " has a security requirement other than bearerAuth");
            }
            if (roles.isEmpty()) {
                return Access.READ;
            }
            if (roles.size() == 1 && roles.get(0).asText().equals("operator")) {
                return Access.OPERATE;
            }
            throw new IllegalStateException(key() + " names roles " + roles + "; use [] or [\"operator\"]");
        }

        /** The role a reader needs, in words. */
        String role() {
            return switch (access()) {
                case PUBLIC -> "none (no token)";
                case READ -> "viewer or operator";
                case OPERATE -> "operator";
            };
        }
    }

    final JsonNode root;

    OpenApiDocument(JsonNode root) {
        this.root = root;
    }

    /** The document in the jar, exactly as the server sends it. */
    static OpenApiDocument load() {
        try {
            return new OpenApiDocument(ApiJson.MAPPER.readTree(OpenApiResource.read()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every operation, in the document's order. */
    List<Operation> operations() {
        List<Operation> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (METHODS.contains(op.getKey())) {
                    out.add(new Operation(op.getKey().toUpperCase(Locale.ROOT), path.getKey(), op.getValue(),
                            parameters(path.getValue(), op.getValue())));
                }
            }
        }
        return out;
    }

    /** The operation whose template matches this request path, if any. */
    Optional<Operation> operation(String method, String path) {
        String[] actual = path.split("\\?")[0].split("/", -1);
        for (Operation op : operations()) {
            String[] template = op.path().split("/", -1);
            if (!op.method().equals(method) || template.length != actual.length) {
                continue;
            }
            boolean same = true;
            for (int i = 0; i < template.length && same; i++) {
                same = template[i].startsWith("{") || template[i].equals(actual[i]);
            }
            if (same) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }

    /** Follows {@code $ref} (again and again) to the object it names. */
    JsonNode resolve(JsonNode node) {
        JsonNode at = node;
        for (int hops = 0; at != null && at.has("$ref"); hops++) {
            if (hops > 10) {
                throw new IllegalStateException("a $ref cycle at " + node);
            }
            at = pointer(at.get("$ref").asText());
        }
        return at;
    }

    /** The node a local reference names; throws if there is none. */
    JsonNode pointer(String ref) {
        if (!ref.startsWith("#/")) {
            throw new IllegalStateException("only local references are used here; got " + ref);
        }
        JsonNode target = root.at(ref.substring(1));
        if (target.isMissingNode()) {
            throw new IllegalStateException("the reference " + ref + " names nothing");
        }
        return target;
    }

    /** The response object of {@code status}, resolved; null when the operation does not document it. */
    JsonNode response(Operation op, int status) {
        JsonNode response = op.node().path("responses").get(Integer.toString(status));
        return response == null ? null : resolve(response);
    }

    /** The request body's media types and their resolved objects (empty without a body). */
    Map<String, JsonNode> requestContent(Operation op) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        JsonNode body = op.node().get("requestBody");
        if (body != null) {
            resolve(body).path("content").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        }
        return out;
    }

    /** The named examples of a media type object ({@code examples}, else {@code example} as "example"). */
    Map<String, JsonNode> examples(JsonNode mediaType) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        mediaType.path("examples").fields().forEachRemaining(e -> out.put(e.getKey(), resolve(e.getValue()).get("value")));
        if (mediaType.has("example")) {
            out.put("example", mediaType.get("example"));
        }
        return out;
    }

    /** The example of a parameter, from the parameter or its schema. */
    String parameterExample(JsonNode parameter) {
        JsonNode example = parameter.has("example") ? parameter.get("example")
                : resolve(parameter.path("schema")).get("example");
        if (example == null) {
            throw new IllegalStateException("parameter " + parameter.path("name").asText() + " has no example");
        }
        return example.asText();
    }

    /** A schema as a stand-alone 2020-12 schema: its {@code #/components/...} references still resolve. */
    ObjectNode standalone(JsonNode schema) {
        ObjectNode wrapper = ApiJson.MAPPER.createObjectNode();
        wrapper.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        wrapper.set("components", root.get("components"));
        wrapper.putArray("allOf").add(schema);
        return wrapper;
    }

    private List<JsonNode> parameters(JsonNode pathItem, JsonNode operation) {
        Map<String, JsonNode> byKey = new LinkedHashMap<>();
        for (JsonNode source : List.of(pathItem.path("parameters"), operation.path("parameters"))) {
            for (JsonNode p : source) {
                JsonNode parameter = resolve(p);
                byKey.put(parameter.path("in").asText() + ":" + parameter.path("name").asText(), parameter);
            }
        }
        return List.copyOf(byKey.values());
    }
}
