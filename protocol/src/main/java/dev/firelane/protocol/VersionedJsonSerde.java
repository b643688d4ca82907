package dev.firelane.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

    /** What {@link #serialize} writes first: readers take the fast path when a record starts with it. */
    private static final byte[] HEAD = ("{\"v\":" + VERSION).getBytes(StandardCharsets.UTF_8);

    private static final byte[] TYPE_FIELD = "\"type\":\"".getBytes(StandardCharsets.UTF_8);

    private final Class<T> type;
    private final ObjectWriter writer;
    private final ObjectReader reader;

    public VersionedJsonSerde(Class<T> type) {
        this.type = type;
        this.writer = MAPPER.writerFor(type);
        this.reader = MAPPER.readerFor(type);
    }

    public static <T> VersionedJsonSerde<T> of(Class<T> type) {
        return new VersionedJsonSerde<>(type);
    }

    @Override
    public byte[] serialize(String topic, T value) {
        if (value == null) {
            return null;
        }
        byte[] body;
        try {
            body = writer.writeValueAsBytes(value);
        } catch (IOException | IllegalArgumentException e) {
            throw new SerializationException("cannot write " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
        if (body.length < 2 || body[0] != '{') {
            throw new SerializationException("cannot write " + type.getSimpleName() + ": not a JSON object");
        }
        // {"v":1, then the value's own fields: the version goes first without building a tree of the value
        boolean empty = body.length == 2;
        byte[] out = new byte[HEAD.length + (empty ? 1 : body.length)];
        System.arraycopy(HEAD, 0, out, 0, HEAD.length);
        if (empty) {
            out[HEAD.length] = '}';
        } else {
            out[HEAD.length] = ',';
            System.arraycopy(body, 1, out, HEAD.length + 1, body.length - 1);
        }
        return out;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        T fast = readWritten(data);
        return fast != null ? fast : readAny(data);
    }

    /**
     * The fast path for what {@link #serialize} wrote, the version first: straight into the type, no tree.
     * Null for anything else, and for anything it cannot read, so that {@link #readAny} gives the reason.
     */
    private T readWritten(byte[] data) {
        if (!startsWithHead(data)) {
            return null;
        }
        try (JsonParser p = MAPPER.createParser(data)) {
            if (p.nextToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.FIELD_NAME
                    || p.nextToken() != JsonToken.VALUE_NUMBER_INT || p.getIntValue() != VERSION) {
                return null;
            }
            p.nextToken(); // the next field, or the end of an empty object: where the type's deserializer starts
            return reader.readValue(p);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The {@code type} of a record as Firelane writes it ({@code {"v":1,"type":"Cancel",…}}), read from its first
     * bytes without parsing it; null for any other record (a reader that needs the type then deserializes it).
     */
    public static String writtenType(byte[] data) {
        if (data == null || !startsWithHead(data) || data[HEAD.length] != ',') {
            return null;
        }
        int from = HEAD.length + 1 + TYPE_FIELD.length;
        if (data.length <= from) {
            return null;
        }
        for (int i = 0; i < TYPE_FIELD.length; i++) {
            if (data[HEAD.length + 1 + i] != TYPE_FIELD[i]) {
                return null;
            }
        }
        for (int end = from; end < data.length && end < from + 64; end++) {
            byte b = data[end];
            if (b == '"') {
                return new String(data, from, end - from, StandardCharsets.UTF_8);
            }
            if (b == '\\') {
                return null;
            }
        }
        return null;
    }

    private static boolean startsWithHead(byte[] data) {
        if (data.length <= HEAD.length) {
            return false;
        }
        for (int i = 0; i < HEAD.length; i++) {
            if (data[i] != HEAD[i]) {
                return false;
            }
        }
        byte next = data[HEAD.length];
        return next == ',' || next == '}';
    }

    /** Any JSON object with a version field anywhere, or the reason it cannot be read. */
    private T readAny(byte[] data) {
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
