package dev.firelane.coordinator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes docs/rest-api.md from the OpenAPI document: the endpoints by tag with their role, parameters, body,
 * responses and examples, the error shape, and the schemas. {@code RestApiDocsTest} fails when the checked-in file
 * is not what this writes, and rewrites it with {@code -Dfirelane.docs.write=true}.
 */
final class RestApiDocs {
    static final String SOURCE = "coordinator/src/main/resources" + OpenApiResource.RESOURCE;
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n")).withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private final OpenApiDocument doc;
    private final StringBuilder out = new StringBuilder();

    RestApiDocs(OpenApiDocument doc) {
        this.doc = doc;
    }

    String markdown() {
        JsonNode info = doc.root.path("info");
        line("# REST API");
        line("");
        line("<!-- Generated from " + SOURCE + " by RestApiDocs (coordinator tests); edit the document, then run"
                + " RestApiDocsTest with -Dfirelane.docs.write=true. -->");
        line("");
        line(info.path("summary").asText() + " OpenAPI " + doc.root.path("openapi").asText() + ", version "
                + info.path("version").asText() + ": the document is served at `GET " + OpenApiResource.PATH
                + "` (any token) and lives in [the coordinator's resources](../" + SOURCE + ").");
        line("");
        line(info.path("description").asText());
        line("");
        authentication();
        errors();
        index();
        for (JsonNode tag : doc.root.path("tags")) {
            tagSection(tag);
        }
        sharedResponses();
        schemas();
        return out.toString();
    }

    private void authentication() {
        line("## Authentication");
        line("");
        line(doc.root.path("components").path("securitySchemes").path("bearerAuth").path("description").asText());
        line("");
    }

    private void errors() {
        JsonNode error = doc.pointer("#/components/schemas/Error");
        line("## Errors");
        line("");
        line(error.path("description").asText());
        line("");
        properties(error);
        json(error.get("example"));
    }

    /** The responses several operations share, each with its examples once. */
    private void sharedResponses() {
        line("## Shared responses");
        line("");
        line("Answers that several endpoints give; their tables link here.");
        line("");
        doc.root.path("components").path("responses").fields().forEachRemaining(e -> {
            line("### " + e.getKey() + " response");
            line("");
            line("<a id=\"response-" + e.getKey().toLowerCase(Locale.ROOT) + "\"></a>"
                    + e.getValue().path("description").asText());
            line("");
            e.getValue().path("content").fields().forEachRemaining(c -> {
                line("`" + c.getKey() + "`: " + type(c.getValue().path("schema")));
                line("");
                examples(c.getValue());
            });
        });
    }

    private void index() {
        line("## Endpoints");
        line("");
        line("| method | path | role | summary |");
        line("|---|---|---|---|");
        for (OpenApiDocument.Operation op : doc.operations()) {
            line("| " + op.method() + " | [`" + op.path() + "`](#" + anchor(op) + ") | " + op.role() + " | "
                    + cell(op.node().path("summary").asText()) + " |");
        }
        line("");
    }

    private void tagSection(JsonNode tag) {
        String name = tag.path("name").asText();
        line("## " + name);
        line("");
        line(tag.path("description").asText());
        line("");
        for (OpenApiDocument.Operation op : doc.operations()) {
            if (op.node().path("tags").path(0).asText().equals(name)) {
                operation(op);
            }
        }
    }

    private void operation(OpenApiDocument.Operation op) {
        line("### " + op.method() + " " + op.path());
        line("");
        line("<a id=\"" + anchor(op) + "\"></a>**" + op.node().path("summary").asText() + ".** Role: "
                + op.role() + ".");
        line("");
        if (op.node().has("description")) {
            line(op.node().path("description").asText());
            line("");
        }
        if (!op.parameters().isEmpty()) {
            line("| parameter | in | type | default | description |");
            line("|---|---|---|---|---|");
            for (JsonNode p : op.parameters()) {
                JsonNode schema = doc.resolve(p.path("schema"));
                line("| `" + p.path("name").asText() + "`" + (p.path("required").asBoolean() ? " (required)" : "")
                        + " | " + p.path("in").asText() + " | " + type(p.path("schema")) + " | "
                        + (schema.has("default") ? "`" + schema.get("default") + "`" : "") + " | "
                        + cell(p.path("description").asText()) + " |");
            }
            line("");
        }
        requestBody(op);
        responses(op);
    }

    private void requestBody(OpenApiDocument.Operation op) {
        JsonNode ref = op.node().get("requestBody");
        if (ref == null) {
            return;
        }
        JsonNode body = doc.resolve(ref);
        line("**Body** (" + (body.path("required").asBoolean() ? "required" : "optional") + ")"
                + (body.has("description") ? ": " + body.path("description").asText() : ""));
        line("");
        doc.requestContent(op).forEach((type, media) -> {
            line("- `" + type + "`: " + type(media.path("schema")));
            line("");
            examples(media);
        });
    }

    private void responses(OpenApiDocument.Operation op) {
        line("| status | meaning | body |");
        line("|---|---|---|");
        Map<String, JsonNode> inline = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = op.node().path("responses").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode response = doc.resolve(e.getValue());
            List<String> bodies = new ArrayList<>();
            response.path("content").fields().forEachRemaining(c -> bodies.add("`" + c.getKey() + "` "
                    + type(c.getValue().path("schema"))));
            String ref = e.getValue().path("$ref").asText();
            String name = ref.substring(ref.lastIndexOf('/') + 1);
            String meaning = ref.isEmpty() ? cell(response.path("description").asText())
                    : "[" + name + "](#response-" + name.toLowerCase(Locale.ROOT) + ")";
            line("| " + e.getKey() + " | " + meaning + " | " + String.join("; ", bodies) + " |");
            if (ref.isEmpty()) {
                inline.put(e.getKey(), response);
            }
        }
        line("");
        inline.forEach((status, response) -> response.path("content").fields().forEachRemaining(c -> {
            if (!doc.examples(c.getValue()).isEmpty()) {
                line("Example answer, " + status + " (`" + c.getKey() + "`):");
                line("");
                examples(c.getValue());
            }
        }));
    }

    private void examples(JsonNode media) {
        media.path("examples").fields().forEachRemaining(e -> {
            JsonNode example = doc.resolve(e.getValue());
            if (example.has("summary")) {
                line("*" + example.path("summary").asText() + "*");
                line("");
            }
            json(example.get("value"));
        });
    }

    private void schemas() {
        line("## Schemas");
        line("");
        doc.root.path("components").path("schemas").fields().forEachRemaining(e -> {
            line("### " + e.getKey());
            line("");
            JsonNode schema = e.getValue();
            line("<a id=\"schema-" + e.getKey().toLowerCase(Locale.ROOT) + "\"></a>" + schema.path("description").asText());
            line("");
            schemaBody(schema);
        });
    }

    /** A component schema: the schemas it builds on, its fields, what is required. */
    private void schemaBody(JsonNode schema) {
        List<String> bases = new ArrayList<>();
        List<JsonNode> tables = new ArrayList<>();
        for (JsonNode part : schema.path("allOf")) {
            if (part.has("properties")) {
                tables.add(part);
            } else {
                bases.add(type(part));
            }
        }
        if (schema.has("properties")) {
            tables.add(schema);
        }
        if (!bases.isEmpty()) {
            line("All fields of " + String.join(" and ", bases) + (tables.isEmpty() ? "." : ", and:"));
            line("");
        } else if (tables.isEmpty()) {
            line("Type: " + type(schema));
            line("");
        }
        tables.forEach(this::properties);
        if (schema.has("allOf") && schema.has("required")) {
            List<String> names = new ArrayList<>();
            schema.get("required").forEach(r -> names.add("`" + r.asText() + "`"));
            line("Required: " + String.join(", ", names) + "."
                    + (schema.path("unevaluatedProperties").asBoolean(true) ? "" : " No other field is accepted."));
            line("");
        }
    }

    private void properties(JsonNode schema) {
        line("| field | type | required | description |");
        line("|---|---|---|---|");
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        schema.path("properties").fields().forEachRemaining(p -> line("| `" + p.getKey() + "` | " + type(p.getValue())
                + " | " + (required.contains(p.getKey()) ? "yes" : "") + " | " + cell(describe(p.getValue())) + " |"));
        line("");
    }

    private String describe(JsonNode schema) {
        String text = schema.path("description").asText();
        if (schema.has("default")) {
            text += (text.isEmpty() ? "" : " ") + "Default `" + schema.get("default") + "`.";
        }
        return text;
    }

    /** A schema's type in words, components as links. */
    private String type(JsonNode schema) {
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asText().substring(schema.get("$ref").asText().lastIndexOf('/') + 1);
            return "[" + name + "](#schema-" + name.toLowerCase(Locale.ROOT) + ")";
        }
        for (String combiner : List.of("oneOf", "anyOf", "allOf")) {
            if (schema.has(combiner)) {
                List<String> parts = new ArrayList<>();
                schema.get(combiner).forEach(part -> parts.add(type(part)));
                return String.join(combiner.equals("allOf") ? " and " : " or ", parts);
            }
        }
        List<String> types = new ArrayList<>();
        if (schema.path("type").isArray()) {
            schema.get("type").forEach(t -> types.add(t.asText()));
        } else if (schema.has("type")) {
            types.add(schema.get("type").asText());
        }
        String text = types.isEmpty() ? "any JSON" : String.join(" or ", types);
        if (schema.has("properties") && !schema.has("description")) {
            List<String> fields = new ArrayList<>();
            schema.get("properties").fieldNames().forEachRemaining(f -> fields.add("`" + f + "`"));
            text += " with " + String.join(", ", fields);
        }
        if (types.contains("array") && schema.has("items")) {
            text = text.replace("array", "array of " + type(schema.get("items")));
        }
        if (schema.has("enum")) {
            List<String> values = new ArrayList<>();
            schema.get("enum").forEach(v -> values.add("`" + v.asText() + "`"));
            text += ": " + String.join(", ", values);
        }
        if (schema.has("format")) {
            text += " (" + schema.get("format").asText() + ")";
        }
        if (schema.has("pattern")) {
            text += ", matching `" + schema.get("pattern").asText() + "`";
        }
        if (schema.has("minimum") || schema.has("maximum")) {
            text += " " + schema.path("minimum").asText("") + ".." + schema.path("maximum").asText("");
        }
        return text;
    }

    private void json(JsonNode value) {
        try {
            boolean text = value.isTextual();
            line(text ? "```" : "```json");
            line(text ? value.textValue().stripTrailing() : ApiJson.MAPPER.writer(PRETTY).writeValueAsString(value));
            line("```");
            line("");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String anchor(OpenApiDocument.Operation op) {
        return op.node().path("operationId").asText().toLowerCase(Locale.ROOT);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
