package dev.firelane.deploy.failover;

import dev.firelane.protocol.Fire;
import dev.firelane.protocol.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code fires} with {@code read_committed} on a thread of its own, from the beginning, and
 * keeps what a checker needs: the schedule times per job and every fire with its partition.
 */
final class FiresCollector implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FiresCollector.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    /** One fire as read, with its partition. */
    record Received(int partition, Fire fire) {
    }

    private final KafkaConsumer<String, Fire> consumer;
    private final Thread thread;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<String, Set<Instant>> scheduledByJob = new ConcurrentHashMap<>();
    private final List<Received> received = new ArrayList<>();
    private volatile RuntimeException failure;

    FiresCollector(String bootstrapServers, List<TopicPartition> partitions) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), Topics.FIRES.valueSerde().deserializer());
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.thread = new Thread(this::run, "fires-collector");
    }

    FiresCollector start() {
        started.set(true);
        thread.start();
        return this;
    }

    private void run() {
        try {
            while (running.get()) {
                for (ConsumerRecord<String, Fire> record : consumer.poll(POLL)) {
                    add(record.partition(), record.value());
                }
            }
        } catch (RuntimeException e) {
            if (running.get()) {
                log.error("fires collector failed", e);
                failure = e;
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void add(int partition, Fire fire) {
        scheduledByJob.computeIfAbsent(fire.jobId(), id -> new ConcurrentSkipListSet<>()).add(fire.scheduledAt());
        synchronized (received) {
            received.add(new Received(partition, fire));
        }
    }

    /** The schedule times seen for {@code jobId}, in order (empty if none). */
    Set<Instant> scheduled(String jobId) {
        checkHealthy();
        return scheduledByJob.getOrDefault(jobId, Set.of());
    }

    /** Everything read so far, in reading order. */
    List<Received> received() {
        checkHealthy();
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /**
     * How many fire ids appear more than once on the topic read with {@code read_uncommitted}: records of
     * aborted transactions that were emitted again, since committed fires are never duplicated.
     */
    static long refiredAfterAbort(String bootstrapServers, List<TopicPartition> partitions) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, Integer> seen = new HashMap<>();
        try (KafkaConsumer<String, Fire> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                Topics.FIRES.valueSerde().deserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading fires did not reach " + end + " in " + READ_TIMEOUT);
                }
                consumer.poll(POLL).forEach(r -> seen.merge(r.value().fireId(), 1, Integer::sum));
            }
        }
        return seen.values().stream().filter(n -> n > 1).count();
    }

    private void checkHealthy() {
        if (failure != null) {
            throw new IllegalStateException("the fires collector failed: " + failure, failure);
        }
    }

    @Override
    public void close() {
        if (!started.get()) {
            consumer.close(Duration.ofSeconds(5));
            return;
        }
        running.set(false);
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
