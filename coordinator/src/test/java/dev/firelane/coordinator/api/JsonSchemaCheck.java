package dev.firelane.coordinator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.util.List;

/**
 * JSON Schema draft 2020-12 (the dialect of OpenAPI 3.1) for the API's document: validates instances against the
 * document's schemas, formats ({@code date-time}) asserted, and the schemas themselves against the meta-schema.
 */
final class JsonSchemaCheck {
    static final String META_SCHEMA = "https://json-schema.org/draft/2020-12/schema";

    private final OpenApiDocument document;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    JsonSchemaCheck(OpenApiDocument document) {
        this.document = document;
    }

    /** What is wrong with {@code instance} by {@code schema} (a schema of the document); empty when it is valid. */
    List<String> errors(JsonNode instance, JsonNode schema) {
        Schema compiled = registry.getSchema(document.standalone(schema));
        return compiled.validate(instance).stream().map(Error::toString).toList();
    }

    /** What is wrong with {@code schema} as a 2020-12 schema; empty when it is one. */
    List<String> schemaErrors(JsonNode schema) {
        Schema meta = registry.getSchema(SchemaLocation.of(META_SCHEMA));
        return meta.validate(schema).stream().map(Error::toString).toList();
    }
}
