package dev.firelane.deploy.kubernetes;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * YAML read the way the API server would refuse it: an unknown (misspelled) field, a duplicate key or a string
 * where a number belongs fails. The fabric8 model keeps unknown fields in an {@code additionalProperties} map
 * (a Jackson any-setter), which would swallow a typo silently; this mapper removes those any-setters.
 */
final class StrictYaml {
    static final ObjectMapper MAPPER = create();

    private StrictYaml() {
    }

    private static ObjectMapper create() {
        SimpleModule noAnySetters = new SimpleModule("fabric8-model-without-any-setters");
        noAnySetters.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription description,
                                                         BeanDeserializerBuilder builder) {
                if (description.getBeanClass().getName().startsWith("io.fabric8.")) {
                    builder.setAnySetter(null);
                }
                return builder;
            }
        });
        return YAMLMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .addModule(noAnySetters)
                .build();
    }

    /**
     * The YAML documents of {@code file}; a document of comments only is left out. (An {@code ObjectReader} would
     * unwrap a document that is a list, such as a JSON 6902 patch, into its elements; the mapper's does not.)
     */
    static List<JsonNode> documents(Path file) {
        List<JsonNode> out = new ArrayList<>();
        try (JsonParser parser = MAPPER.getFactory().createParser(file.toFile());
             MappingIterator<JsonNode> it = MAPPER.readValues(parser, JsonNode.class)) {
            while (it.hasNextValue()) {
                JsonNode document = it.nextValue();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    out.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** {@code node} as {@code type}, strictly; the exception names the field that is wrong. */
    static <T> T read(JsonNode node, Class<T> type) throws IOException {
        return MAPPER.treeToValue(node, type);
    }
}
