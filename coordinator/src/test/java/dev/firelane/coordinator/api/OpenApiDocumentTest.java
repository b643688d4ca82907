package dev.firelane.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The API's OpenAPI document on its own: that it is an OpenAPI 3.1 document whose schemas are JSON Schema 2020-12,
 * whose examples are valid by their schemas, and whose every error response has the one error shape. What the
 * running server does with it is {@link OpenApiContractTest}'s.
 */
class OpenApiDocumentTest {
    private static final Pattern TEMPLATE_PARAM = Pattern.compile("\\{([^}]+)}");

    private final OpenApiDocument doc = OpenApiDocument.load();
    private final JsonSchemaCheck schemas = new JsonSchemaCheck(doc);

    @Test
    void it_is_an_openapi_3_1_document_with_every_operation_complete() {
        assertThat(doc.root.path("openapi").asText()).matches("3\\.1\\.\\d+");
        assertThat(doc.root.path("info").path("title").asText()).isNotBlank();
        assertThat(doc.root.path("info").path("version").asText()).isNotBlank();
        JsonNode bearer = doc.root.path("components").path("securitySchemes").path("bearerAuth");
        assertThat(bearer.path("type").asText()).isEqualTo("http");
        assertThat(bearer.path("scheme").asText()).isEqualTo("bearer");
        Set<String> tags = new HashSet<>();
        doc.root.path("tags").forEach(tag -> tags.add(tag.path("name").asText()));
        Set<String> operationIds = new HashSet<>();

        for (OpenApiDocument.Operation op : doc.operations()) {
            assertThat(op.path()).as(op.key()).startsWith("/");
            assertThat(operationIds.add(op.node().path("operationId").asText())).as(op.key() + " operationId is unique")
                    .isTrue();
            assertThat(op.node().path("summary").asText()).as(op.key() + " summary").isNotBlank();
            op.node().path("tags").forEach(tag -> assertThat(tags).as(op.key() + " tag").contains(tag.asText()));
            assertThat(op.access()).as(op.key() + " security").isNotNull();
            assertThat(op.node().path("responses").size()).as(op.key() + " responses").isPositive();
            op.node().path("responses").fieldNames().forEachRemaining(status ->
                    assertThat(status).as(op.key() + " response key").matches("[1-5]\\d\\d"));
            assertThat(pathParameters(op)).as(op.key() + ": the template's parameters are the declared path parameters")
                    .isEqualTo(templateParameters(op.path()));
            op.parameters().forEach(p -> assertThat(p.path("schema").isObject()).as(op.key() + " " + p).isTrue());
        }
    }

    @Test
    void every_reference_names_something() {
        List<String> refs = new ArrayList<>();
        walk(doc.root, "#", (node, where) -> {
            if (node.has("$ref") && node.get("$ref").isTextual()) {
                refs.add(node.get("$ref").asText());
            }
        });
        assertThat(refs).isNotEmpty();
        refs.forEach(ref -> assertThat(doc.pointer(ref)).as(ref).isNotNull());
    }

    @Test
    void every_schema_is_a_json_schema_2020_12_schema() {
        Map<String, JsonNode> all = allSchemas();
        assertThat(all).containsKeys("#/components/schemas/Error", "#/components/schemas/Job");
        all.forEach((where, schema) -> assertThat(schemas.schemaErrors(schema)).as(where).isEmpty());
    }

    @Test
    void a_schema_check_refuses_what_the_schema_refuses() {
        JsonNode job = doc.pointer("#/components/schemas/CreateJobRequest");
        assertThat(schemas.errors(json("{\"id\":\"a\",\"scheduleKind\":\"every\",\"schedule\":\"5s\",\"handler\":\"noop\"}"),
                job)).isEmpty();
        assertThat(schemas.errors(json("{\"id\":\"a\",\"scheduleKind\":\"weekly\",\"schedule\":\"5s\",\"handler\":\"noop\"}"),
                job)).as("an enum").isNotEmpty();
        assertThat(schemas.errors(json("{\"id\":\"a\",\"scheduleKind\":\"every\",\"schedule\":\"5s\",\"handler\":\"noop\","
                + "\"pasued\":true}"), job)).as("an unknown field").isNotEmpty();
        assertThat(schemas.errors(json("{\"id\":\"a\",\"scheduleKind\":\"every\",\"schedule\":\"5s\",\"handler\":\"noop\","
                + "\"notBefore\":\"tomorrow\"}"), job)).as("a date-time").isNotEmpty();
        assertThat(schemas.errors(json("{\"scheduleKind\":\"every\",\"schedule\":\"5s\",\"handler\":\"noop\"}"), job))
                .as("a required field").isNotEmpty();
        assertThat(schemas.schemaErrors(json("{\"type\":\"strng\"}"))).as("not a schema").isNotEmpty();
    }

    @Test
    void every_example_is_valid_by_its_schema() {
        Map<String, JsonNode[]> examples = new LinkedHashMap<>();
        walk(doc.root, "#", (node, where) -> {
            JsonNode schema = node.get("schema");
            if (schema != null && schema.isObject()) {
                if (node.has("example")) {
                    examples.put(where + "/example", new JsonNode[] {node.get("example"), schema});
                }
                node.path("examples").fields().forEachRemaining(e -> examples.put(where + "/examples/" + e.getKey(),
                        new JsonNode[] {doc.resolve(e.getValue()).get("value"), schema}));
            }
        });
        allSchemas().forEach((where, schema) -> walk(schema, where, (node, at) -> {
            if (node.has("example") && !at.endsWith("/properties")) {
                examples.put(at + "/example", new JsonNode[] {node.get("example"), node});
            }
            if (node.path("examples").isArray()) {
                node.get("examples").forEach(e -> examples.put(at + "/examples/" + e, new JsonNode[] {e, node}));
            }
        }));
        assertThat(examples).hasSizeGreaterThan(30);
        examples.forEach((where, pair) -> {
            assertThat(pair[0]).as(where + " has a value").isNotNull();
            assertThat(schemas.errors(pair[0], pair[1])).as(where).isEmpty();
        });
    }

    @Test
    void every_error_response_has_the_one_error_shape() {
        int checked = 0;
        for (OpenApiDocument.Operation op : doc.operations()) {
            for (var it = op.node().path("responses").fields(); it.hasNext(); ) {
                var entry = it.next();
                if (Integer.parseInt(entry.getKey()) < 400) {
                    continue;
                }
                JsonNode content = doc.resolve(entry.getValue()).path("content");
                assertThat(content.has("application/json")).as(op.key() + " " + entry.getKey() + " is JSON").isTrue();
                assertThat(isErrorShape(content.path("application/json").path("schema")))
                        .as(op.key() + " " + entry.getKey() + " uses #/components/schemas/Error").isTrue();
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(50);
    }

    @Test
    void the_error_shape_is_what_the_server_writes() {
        JsonNode error = doc.pointer("#/components/schemas/Error");
        assertThat(schemas.errors(ApiJson.error("not_found", null, "no job 'x'"), error)).isEmpty();
        assertThat(schemas.errors(ApiJson.error("invalid", "limit", "must be …"), error)).isEmpty();
        assertThat(schemas.errors(json("{\"error\":\"not_found\",\"status\":404}"), error)).isNotEmpty();
    }

    private boolean isErrorShape(JsonNode schema) {
        if ("#/components/schemas/Error".equals(schema.path("$ref").asText())) {
            return true;
        }
        JsonNode target = doc.resolve(schema);
        for (JsonNode part : target.path("allOf")) {
            if (isErrorShape(part)) {
                return true;
            }
        }
        return false;
    }

    /** Every schema of the document: the components' and each inline one (parameter, header, media type). */
    private Map<String, JsonNode> allSchemas() {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        doc.root.path("components").path("schemas").fields()
                .forEachRemaining(e -> out.put("#/components/schemas/" + e.getKey(), e.getValue()));
        walk(doc.root, "#", (node, where) -> {
            if (node.path("schema").isObject() && !where.contains("/components/schemas")) {
                out.put(where + "/schema", node.get("schema"));
            }
        });
        return out;
    }

    private Set<String> templateParameters(String path) {
        Set<String> out = new TreeSet<>();
        Matcher m = TEMPLATE_PARAM.matcher(path);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static Set<String> pathParameters(OpenApiDocument.Operation op) {
        Set<String> out = new TreeSet<>();
        op.parameters().stream().filter(p -> p.path("in").asText().equals("path")).forEach(p -> {
            assertThat(p.path("required").asBoolean()).as(op.key() + " path parameter " + p.path("name") + " required")
                    .isTrue();
            out.add(p.path("name").asText());
        });
        return out;
    }

    /** Calls {@code visit} on every object node under {@code node} (itself included), with its JSON pointer. */
    private static void walk(JsonNode node, String where, BiConsumer<JsonNode, String> visit) {
        if (node.isObject()) {
            visit.accept(node, where);
            node.fields().forEachRemaining(e -> walk(e.getValue(), where + "/" + e.getKey().replace("~", "~0")
                    .replace("/", "~1"), visit));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), where + "/" + i, visit);
            }
        }
    }

    private static JsonNode json(String text) {
        try {
            return ApiJson.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
