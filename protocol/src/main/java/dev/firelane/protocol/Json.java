package dev.firelane.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.Instant;

/** The one Jackson configuration of Firelane: camelCase, ISO-8601 instants, tolerant of new fields. */
public final class Json {
    /**
     * Instants as ISO-8601 text, written and read by {@link Instants} (the same text as the JDK's formatter, at a
     * fraction of its cost); anything but the canonical form is read by Jackson's own deserializer.
     */
    private static final SimpleModule FAST_INSTANTS = new SimpleModule("firelane-instants")
            .addSerializer(Instant.class, new StdScalarSerializer<>(Instant.class) {
                @Override
                public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                    gen.writeString(Instants.iso(value));
                }
            })
            .addDeserializer(Instant.class, new StdScalarDeserializer<>(Instant.class) {
                @Override
                public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                    if (p.hasToken(JsonToken.VALUE_STRING)) {
                        Instant fast = Instants.parseCanonical(p.getText());
                        if (fast != null) {
                            return fast;
                        }
                    }
                    return InstantDeserializer.INSTANT.deserialize(p, ctxt);
                }
            });

    private Json() {
    }

    /** A new mapper configured the Firelane way (mappers are thread-safe once configured). */
    public static ObjectMapper newMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(FAST_INSTANTS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }
}
