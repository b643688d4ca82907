package dev.firelane.deploy.replay;

import dev.firelane.protocol.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes a history straight onto the topics, each record stamped with the time it stands for. */
final class TopicWriter implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final String prefix;

    TopicWriter(String bootstrapServers, String prefix) {
        this.producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers, "acks", "all"),
                new ByteArraySerializer(), new ByteArraySerializer());
        this.prefix = prefix;
    }

    <V> RecordMetadata send(Topic<String, V> topic, String key, V value, Instant at) {
        String name = topic.name(prefix);
        return sendRaw(topic, key, topic.valueSerde().serializer().serialize(name, value), at);
    }

    /** A value as given: malformed JSON, or null for a tombstone. */
    RecordMetadata sendRaw(Topic<String, ?> topic, String key, byte[] value, Instant at) {
        String name = topic.name(prefix);
        try {
            return producer.send(new ProducerRecord<>(name, null, at.toEpochMilli(),
                    topic.keySerde().serializer().serialize(name, key), value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write to " + name + ": " + e, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
