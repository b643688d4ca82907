package dev.firelane.coordinator.replay;

import dev.firelane.coordinator.status.StatusStream;
import dev.firelane.protocol.Topic;
import dev.firelane.protocol.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Read-only access to the Firelane topics for replay: one consumer that is assigned partitions (no consumer
 * group, nothing committed) and an admin client for the topics' layout. Replay never produces anything.
 *
 * <p>The consumer reads {@link StatusStream#ISOLATION_LEVEL}, as the status stream does: what an aborted
 * fire-topology transaction wrote is skipped by both, so replay applies the same records.
 */
public final class TopicHistory implements AutoCloseable {
    /** The topics replay reads, status-stream inputs first. */
    public static final List<Topic<String, ?>> TOPICS = List.of(Topics.CONTROL, Topics.FIRES, Topics.RUNS, Topics.JOB_STATE);
    static final Duration STALL_TIMEOUT = Duration.ofSeconds(30);

    private final ReplaySettings settings;
    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final RecordDecoder decoder;
    private final Map<String, Integer> partitionCounts;

    private TopicHistory(ReplaySettings settings, Admin admin, KafkaConsumer<byte[], byte[]> consumer,
                         Map<String, Integer> partitionCounts) {
        this.settings = settings;
        this.admin = admin;
        this.consumer = consumer;
        this.decoder = new RecordDecoder(settings.topicPrefix());
        this.partitionCounts = partitionCounts;
    }

    /**
     * Connects and describes the topics.
     *
     * @throws ReplayException (unavailable) if Kafka does not answer within the settings' timeout or a topic is missing
     */
    public static TopicHistory connect(ReplaySettings settings) {
        Admin admin;
        try {
            admin = Admin.create(adminProperties(settings));
        } catch (KafkaException e) {
            throw new ReplayException(ReplayException.Kind.UNAVAILABLE, "cannot connect to Kafka at "
                    + settings.bootstrapServers() + ": " + rootMessage(e), e);
        }
        try {
            Map<String, Integer> counts = describe(admin, settings);
            KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(settings),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            return new TopicHistory(settings, admin, consumer, counts);
        } catch (KafkaException e) {
            admin.close(Duration.ZERO);
            throw new ReplayException(ReplayException.Kind.UNAVAILABLE, "cannot read from Kafka at "
                    + settings.bootstrapServers() + ": " + rootMessage(e), e);
        } catch (RuntimeException e) {
            admin.close(Duration.ZERO);
            throw e;
        }
    }

    public ReplaySettings settings() {
        return settings;
    }

    /** Whether the topic exists (the four replayed topics always do; {@code applied} and {@code dlq} may not). */
    public boolean has(String baseName) {
        return partitionCounts.containsKey(baseName);
    }

    /**
     * The partitions of a topic replay can do without, if it exists: {@code dlq} (the checker reads it) and
     * {@code applied} (missing where the topics were written before the status stream recorded placements).
     */
    private static java.util.Optional<Integer> optionalPartitions(Admin admin, ReplaySettings settings, Topic<?, ?> topic) {
        String name = topic.name(settings.topicPrefix());
        try {
            TopicDescription description = admin.describeTopics(List.of(name)).topicNameValues().get(name)
                    .get(settings.timeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
            return java.util.Optional.of(description.partitions().size());
        } catch (ExecutionException | TimeoutException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    /** The partitions of a topic, by base name. */
    public int partitionCount(String baseName) {
        Integer count = partitionCounts.get(baseName);
        if (count == null) {
            throw new IllegalArgumentException("not a replayed topic: " + baseName);
        }
        return count;
    }

    /**
     * The partition of {@code baseName} that holds {@code jobId}'s records: the producers' default partitioner,
     * murmur2 of the key bytes, which every Firelane producer uses for every topic.
     */
    public TopicPartition partitionOf(String baseName, String jobId) {
        byte[] key = jobId.getBytes(StandardCharsets.UTF_8);
        return new TopicPartition(settings.topic(baseName), Utils.toPositive(Utils.murmur2(key)) % partitionCount(baseName));
    }

    /** Partition {@code partition} of topic {@code baseName}. */
    public TopicPartition partition(String baseName, int partition) {
        return new TopicPartition(settings.topic(baseName), partition);
    }

    /** The first offset still on the broker of each partition (later than 0 where retention deleted records). */
    public Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions) {
        return call("read the beginning offsets", () -> consumer.beginningOffsets(partitions, settings.timeout()));
    }

    /** The offset after the last record of each partition, as of now. */
    public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
        return call("read the end offsets", () -> consumer.endOffsets(partitions, settings.timeout()));
    }

    /**
     * For each partition, the first offset whose record is stamped at or after {@code time}, or the end offset if
     * there is none: every record before it is stamped earlier.
     */
    public Map<TopicPartition, Long> offsetsAtOrAfter(Collection<TopicPartition> partitions, Instant time) {
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, time.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = call("look up offsets by time",
                () -> consumer.offsetsForTimes(query, settings.timeout()));
        Map<TopicPartition, Long> end = endOffsets(partitions);
        Map<TopicPartition, Long> out = new LinkedHashMap<>();
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp hit = found.get(tp);
            out.put(tp, hit == null ? end.get(tp) : hit.offset());
        }
        return out;
    }

    /** The offsets that end a read "up to {@code until}": before the first record stamped after it. */
    public Map<TopicPartition, Long> cutAfter(Collection<TopicPartition> partitions, Instant until) {
        return until == null ? endOffsets(partitions) : offsetsAtOrAfter(partitions, until.plusMillis(1));
    }

    /** The timestamp of the first record still on the broker of each partition that has one. */
    public Map<TopicPartition, Instant> firstTimestamps(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, 0L));
        Map<TopicPartition, OffsetAndTimestamp> found = call("read the first timestamps",
                () -> consumer.offsetsForTimes(query, settings.timeout()));
        Map<TopicPartition, Instant> out = new LinkedHashMap<>();
        found.forEach((tp, hit) -> {
            if (hit != null) {
                out.put(tp, Instant.ofEpochMilli(hit.timestamp()));
            }
        });
        return out;
    }

    /**
     * The offsets consumer group {@code group} has committed on the given partitions (the next record it will read);
     * a partition where it committed nothing is absent, and so is every partition of a group that does not exist.
     */
    public Map<TopicPartition, Long> committedOffsets(String group, Collection<TopicPartition> partitions) {
        long timeoutMs = settings.timeout().toMillis();
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(timeoutMs + 1_000, TimeUnit.MILLISECONDS);
            Map<TopicPartition, Long> out = new LinkedHashMap<>();
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata offset = committed.get(tp);
                if (offset != null) {
                    out.put(tp, offset.offset());
                }
            }
            return out;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return Map.of();
            }
            throw new ReplayException(ReplayException.Kind.UNAVAILABLE, "cannot read the committed offsets of group "
                    + group + " at " + settings.bootstrapServers() + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw unreachable(settings, "no answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayException(ReplayException.Kind.UNAVAILABLE, "interrupted while reading group offsets", e);
        }
    }

    /** Reads the given ranges; one reader at a time (each takes over the consumer's assignment). */
    PartitionReader read(Map<TopicPartition, OffsetRange> ranges, Progress progress) {
        return new PartitionReader(consumer, decoder, ranges, progress, STALL_TIMEOUT);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }

    private <T> T call(String what, java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw unreachable(settings, what + " timed out", e);
        } catch (KafkaException e) {
            throw new ReplayException(ReplayException.Kind.UNAVAILABLE, "cannot " + what + " at "
                    + settings.bootstrapServers() + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Integer> describe(Admin admin, ReplaySettings settings) {
        long timeoutMs = settings.timeout().toMillis();
        Map<String, String> baseNames = new LinkedHashMap<>();
        TOPICS.forEach(t -> baseNames.put(t.name(settings.topicPrefix()), t.baseName()));
        var futures = admin.describeTopics(baseNames.keySet(), new DescribeTopicsOptions().timeoutMs((int) timeoutMs))
                .topicNameValues();
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (var entry : baseNames.entrySet()) {
            try {
                TopicDescription description = futures.get(entry.getKey()).get(timeoutMs + 1_000, TimeUnit.MILLISECONDS);
                counts.put(entry.getValue(), description.partitions().size());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    missing.add(entry.getKey());
                } else if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                    throw unreachable(settings, "no answer", e.getCause());
                } else {
                    throw new ReplayException(ReplayException.Kind.UNAVAILABLE, "cannot describe topic " + entry.getKey()
                            + " at " + settings.bootstrapServers() + ": " + e.getCause().getMessage(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw unreachable(settings, "no answer", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ReplayException(ReplayException.Kind.UNAVAILABLE, "interrupted while describing topics", e);
            }
        }
        for (Topic<?, ?> optional : List.of(Topics.APPLIED, Topics.DLQ)) {
            optionalPartitions(admin, settings, optional).ifPresent(n -> counts.put(optional.baseName(), n));
        }
        if (!missing.isEmpty()) {
            throw new ReplayException(ReplayException.Kind.UNAVAILABLE, "no topic " + String.join(", ", missing) + " at "
                    + settings.bootstrapServers() + " (is the topic prefix '" + settings.topicPrefix() + "' right?)");
        }
        return counts;
    }

    /** The deepest cause's message: Kafka wraps the useful one ("No resolvable bootstrap urls…"). */
    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static ReplayException unreachable(ReplaySettings settings, String what, Throwable cause) {
        return new ReplayException(ReplayException.Kind.UNAVAILABLE, "cannot reach Kafka at " + settings.bootstrapServers()
                + ": " + what + " within " + settings.timeout().toSeconds() + " s", cause);
    }

    private static Properties adminProperties(ReplaySettings settings) {
        Properties props = only(settings.clientProperties(), AdminClientConfig.configNames());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, settings.topicPrefix() + "replay-admin");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) settings.timeout().toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) settings.timeout().toMillis());
        return props;
    }

    private static Properties consumerProperties(ReplaySettings settings) {
        Properties props = only(settings.clientProperties(), ConsumerConfig.configNames());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.topicPrefix() + "replay");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, StatusStream.ISOLATION_LEVEL);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) settings.timeout().toMillis());
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) settings.timeout().toMillis());
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return props;
    }

    private static Properties only(Properties all, Set<String> names) {
        Properties out = new Properties();
        all.forEach((k, v) -> {
            if (names.contains(k.toString())) {
                out.put(k, v);
            }
        });
        return out;
    }
}
