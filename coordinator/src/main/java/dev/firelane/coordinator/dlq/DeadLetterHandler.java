package dev.firelane.coordinator.dlq;

import dev.firelane.protocol.DeadLetter;
import dev.firelane.protocol.Topics;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a record that cannot be read to the {@code dlq} topic as a {@link DeadLetter} (original key and
 * value bytes, source topic/partition/offset, reason) and lets the task carry on, so a poison record
 * never stalls its partition. Configure it with {@link #configs(String, String, Clock)}.
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler {
    /** Streams config key: the topic prefix (default {@link Topics#DEFAULT_PREFIX}). */
    public static final String TOPIC_PREFIX_CONFIG = "firelane.topic.prefix";
    /** Streams config key: who rejects, e.g. {@code status-stream}; recorded in the dead letter. */
    public static final String COMPONENT_CONFIG = "firelane.component";
    /** Streams config key: a {@link Clock} instance for the rejection time (default system UTC). */
    public static final String CLOCK_CONFIG = "firelane.clock";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterHandler.class);

    private String dlqTopic = Topics.DLQ.name(Topics.DEFAULT_PREFIX);
    private String component = "streams";
    private Clock clock = Clock.systemUTC();

    /** The Streams properties that configure this handler. */
    public static Map<String, Object> configs(String topicPrefix, String component, Clock clock) {
        return Map.of(
                "deserialization.exception.handler", DeadLetterHandler.class.getName(),
                TOPIC_PREFIX_CONFIG, topicPrefix,
                COMPONENT_CONFIG, component,
                CLOCK_CONFIG, clock);
    }

    @Override
    public void configure(Map<String, ?> configs) {
        Object prefix = configs.get(TOPIC_PREFIX_CONFIG);
        if (prefix != null) {
            dlqTopic = Topics.DLQ.name(prefix.toString());
        }
        Object who = configs.get(COMPONENT_CONFIG);
        if (who != null) {
            component = who.toString();
        }
        if (configs.get(CLOCK_CONFIG) instanceof Clock configured) {
            clock = configured;
        }
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        String reason = reason(exception);
        log.warn("{}-{}@{} rejected to {}: {}", record.topic(), record.partition(), record.offset(), dlqTopic, reason);
        return Response.resume(List.of(deadLetter(record, reason, component, clock.instant(), dlqTopic)));
    }

    /** The dlq record for {@code record}; shared with processors that reject records after reading them. */
    public static ProducerRecord<byte[], byte[]> deadLetter(ConsumerRecord<byte[], byte[]> record, String reason,
                                                           String component, Instant at, String dlqTopic) {
        DeadLetter letter = new DeadLetter(record.topic(), record.partition(), record.offset(), record.value(),
                reason, component, at);
        return new ProducerRecord<>(dlqTopic, null, record.key(), Topics.DLQ.valueSerde().serializer().serialize(dlqTopic, letter));
    }

    static String reason(Exception exception) {
        String message = exception.getMessage();
        return message == null || message.isBlank() ? exception.getClass().getSimpleName() : message;
    }
}
