package dev.firelane.coordinator.api;

import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes commands with an idempotent, {@code acks=all} producer and waits for the acknowledgement: of the one
 * command, or of a whole batch after sending all of it and flushing once.
 */
public final class KafkaCommandPublisher implements CommandPublisher {
    public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(KafkaCommandPublisher.class);

    private final KafkaProducer<String, ControlCommand> producer;
    private final String topic;
    private final Duration sendTimeout;

    /**
     * @param bootstrapServers Kafka bootstrap servers
     * @param topicPrefix      Firelane topic prefix
     * @param extra            further producer properties (security settings…); they win over the defaults
     */
    public KafkaCommandPublisher(String bootstrapServers, String topicPrefix, Map<String, Object> extra) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "firelane-api");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) DEFAULT_SEND_TIMEOUT.toMillis());
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DEFAULT_SEND_TIMEOUT.toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) DEFAULT_SEND_TIMEOUT.toMillis() / 2);
        props.putAll(extra);
        this.producer = new KafkaProducer<>(props, Topics.CONTROL.keySerde().serializer(),
                Topics.CONTROL.valueSerde().serializer());
        this.topic = Topics.CONTROL.name(topicPrefix);
        this.sendTimeout = DEFAULT_SEND_TIMEOUT;
    }

    @Override
    public void publish(ControlCommand command) {
        try {
            RecordMetadata meta = producer.send(new ProducerRecord<>(topic, command.jobId(), command))
                    .get(sendTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            log.info("{} {} published command {} to {}-{}@{}", command.jobId(), command.kind(), command.commandId(),
                    meta.topic(), meta.partition(), meta.offset());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandPublishException("interrupted while publishing command " + command.commandId(), e);
        } catch (ExecutionException e) {
            throw new CommandPublishException("cannot publish command " + command.commandId() + " to " + topic + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException | RuntimeException e) {
            throw new CommandPublishException("cannot publish command " + command.commandId() + " to " + topic + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void publishAll(List<ControlCommand> commands) {
        if (commands.isEmpty()) {
            return;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(commands.size());
        try {
            for (ControlCommand command : commands) {
                acks.add(producer.send(new ProducerRecord<>(topic, command.jobId(), command)));
            }
            producer.flush();
        } catch (RuntimeException e) {
            throw new CommandPublishException("cannot publish " + commands.size() + " commands to " + topic + " ("
                    + acks.size() + " were sent): " + e.getMessage(), e);
        }
        int failed = 0;
        Throwable firstFailure = null;
        for (int i = 0; i < acks.size(); i++) {
            try {
                RecordMetadata meta = acks.get(i).get(sendTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
                log.debug("{} {} published command {} to {}-{}@{}", commands.get(i).jobId(), commands.get(i).kind(),
                        commands.get(i).commandId(), meta.topic(), meta.partition(), meta.offset());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CommandPublishException("interrupted while publishing " + commands.size() + " commands", e);
            } catch (ExecutionException | TimeoutException e) {
                failed++;
                firstFailure = firstFailure != null ? firstFailure : e instanceof ExecutionException ? e.getCause() : e;
            }
        }
        if (failed > 0) {
            throw new CommandPublishException(failed + " of " + commands.size() + " commands could not be published to "
                    + topic + ": " + firstFailure.getMessage(), firstFailure);
        }
        log.info("published {} commands to {}", commands.size(), topic);
    }

    /** The partition of {@code control} a job's commands go to (the producer's default partitioner of a key). */
    public int partitionOf(String jobId) {
        int partitions = producer.partitionsFor(topic).size();
        return Utils.toPositive(Utils.murmur2(jobId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
