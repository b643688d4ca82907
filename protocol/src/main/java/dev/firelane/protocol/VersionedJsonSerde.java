package dev.firelane.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * JSON serde for one event family, with a {@code "v"} version field. Anything it cannot read
 * (not JSON, not an object, an unknown version or type, a missing required field) raises
 * {@link SerializationException} with a reason, which the deserialization handlers turn into a
 * dead letter. A null value is a tombstone and passes through as null.
 */
public final class VersionedJsonSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {
    /** The version written, and the only one read. */
    public static final int VERSION = 1;
    private static final ObjectMapper MAPPER = Json.newMapper();

    private final Class<T> type;

    public VersionedJsonSerde(Class<T> type) {
        this.type = type;
    }

    public static <T> VersionedJsonSerde<T> of(Class<T> type) {
        return new VersionedJsonSerde<>(type);
    }

    @Override
    public byte[] serialize(String topic, T value) {
        if (value == null) {
            return null;
        }
        try {
            ObjectNode out = MAPPER.createObjectNode();
            out.put("v", VERSION);
            out.setAll((ObjectNode) MAPPER.valueToTree(value));
            return MAPPER.writeValueAsBytes(out);
        } catch (IOException | IllegalArgumentException e) {
            throw new SerializationException("cannot write " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(data);
        } catch (IOException e) {
            throw new SerializationException("not JSON: " + firstLine(e.getMessage()));
        }
        if (node == null || !node.isObject()) {
            throw new SerializationException("not a JSON object");
        }
        JsonNode v = node.get("v");
        if (v == null || !v.canConvertToInt()) {
            throw new SerializationException("missing version field \"v\"");
        }
        if (v.intValue() != VERSION) {
            throw new SerializationException("unsupported version v=" + v.intValue() + " (this build reads v=" + VERSION + ")");
        }
        ((ObjectNode) node).remove("v");
        try {
            T value = MAPPER.treeToValue(node, type);
            if (value == null) {
                throw new SerializationException("empty " + type.getSimpleName());
            }
            return value;
        } catch (IOException | IllegalArgumentException e) {
            throw new SerializationException("not a valid " + type.getSimpleName() + ": " + firstLine(rootMessage(e)));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? e.getMessage() : t.getClass().getSimpleName() + ": " + t.getMessage() + " (" + firstLine(e.getMessage()) + ")";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {
    }

    @Override
    public void close() {
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }
}
