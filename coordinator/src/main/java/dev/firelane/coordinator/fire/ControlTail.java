package dev.firelane.coordinator.fire;

import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of {@code control} outside Kafka Streams and puts each pause and delete on the
 * {@link HoldBoard}. It starts where the fire topology's group stands on each partition (the commands the topology
 * has not read yet are exactly the ones it needs early), or at the end where the group has no position. No group of
 * its own, nothing committed: every coordinator instance reads all of {@code control}, a small topic.
 */
public final class ControlTail implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ControlTail.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final String applicationId;
    private final Admin admin;
    private final HoldBoard board;
    private final Thread thread;
    private volatile boolean closed;

    /**
     * @param clientProperties bootstrap servers and security settings
     * @param applicationId    the fire topology's Kafka Streams application id (its consumer group)
     */
    public ControlTail(Properties clientProperties, String topicPrefix, String applicationId, Admin admin, HoldBoard board) {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, applicationId + "-control-tail");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topic = Topics.CONTROL.name(topicPrefix);
        this.applicationId = applicationId;
        this.admin = admin;
        this.board = board;
        this.thread = new Thread(this::run, "firelane-control-tail");
        this.thread.setDaemon(true);
    }

    /** Assigns every partition, positions the reader and starts it; returns once it is positioned. */
    public ControlTail start() {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        Map<TopicPartition, OffsetAndMetadata> committed = groupPositions();
        consumer.seekToEnd(partitions);
        int fromGroup = 0;
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata offset = committed.get(tp);
            if (offset != null) {
                consumer.seek(tp, offset.offset());
                fromGroup++;
            }
        }
        partitions.forEach(consumer::position); // resolve the positions now, before the API takes commands
        log.info("control tail started on {} partitions of {} ({} from the fire topology's positions)",
                partitions.size(), topic, fromGroup);
        thread.start();
        return this;
    }

    private Map<TopicPartition, OffsetAndMetadata> groupPositions() {
        try {
            Map<TopicPartition, OffsetAndMetadata> all = admin.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
            all.forEach((tp, offset) -> {
                if (offset != null && tp.topic().equals(topic)) {
                    out.put(tp, offset);
                }
            });
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        } catch (Exception e) {
            log.warn("control tail: cannot read the positions of group {} ({}); starting at the end", applicationId,
                    e.getMessage());
            return Map.of();
        }
    }

    private void run() {
        try {
            while (!closed) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    board.saw(decode(record));
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("control tail stopped: {}; pauses now reach the fire topology through its own input only", e.toString(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** A command, or null for a record that is not one (the status stream dead-letters those). */
    private ControlCommand decode(ConsumerRecord<byte[], byte[]> record) {
        try {
            return record.value() == null ? null : Topics.CONTROL.valueSerde().deserializer().deserialize(topic, record.value());
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
        closed = true;
        if (!thread.isAlive()) {
            consumer.close(Duration.ofSeconds(5));
            return;
        }
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
