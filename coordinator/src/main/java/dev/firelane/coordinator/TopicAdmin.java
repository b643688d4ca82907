package dev.firelane.coordinator;

import dev.firelane.protocol.FirelaneException;
import dev.firelane.protocol.Topic;
import dev.firelane.protocol.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the Firelane topics that are missing, all with one partition count (the topologies join them
 * by partition), and refuses to start on existing topics whose partition counts differ.
 * <p>
 * Retention: {@code control}, {@code fires}, {@code runs} and {@code applied} keep every record
 * ({@code retention.ms=-1}): they are the history that {@code firelane replay} reads, and a rebuilt database equals the live one only if none
 * of it is gone (the database keeps every run too). An operator who bounds them (say {@code retention.ms} of
 * 90 days on {@code fires} and {@code runs}) keeps timelines and the what-if within that window, and replay
 * says so when asked about older times. {@code dlq} keeps {@value #DLQ_RETENTION_DAYS} days: its records are
 * copies of records still on their own topics. {@code job-state} is compacted (latest row per job).
 */
public final class TopicAdmin {
    public static final int DLQ_RETENTION_DAYS = 30;
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int DESCRIBE_ATTEMPTS = 50;
    private static final Duration DESCRIBE_BACKOFF = Duration.ofMillis(100);
    private static final Logger log = LoggerFactory.getLogger(TopicAdmin.class);

    private final Admin admin;

    public TopicAdmin(Admin admin) {
        this.admin = admin;
    }

    /** The topic-level configs Firelane gives {@code topic} when it creates it. */
    public static Map<String, String> topicConfigs(Topic<?, ?> topic, short replicationFactor) {
        Map<String, String> configs = new LinkedHashMap<>();
        if (topic == Topics.JOB_STATE) {
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        } else if (topic == Topics.DLQ) {
            configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(Duration.ofDays(DLQ_RETENTION_DAYS).toMillis()));
        } else {
            configs.put(TopicConfig.RETENTION_MS_CONFIG, "-1");
        }
        configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, replicationFactor >= 3 ? "2" : "1");
        return configs;
    }

    /** Creates what is missing of {@link Topics#ALL}; returns the names created. */
    public List<String> ensureTopics(String prefix, int partitions, short replicationFactor) {
        try {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new ArrayList<>();
            List<String> present = new ArrayList<>();
            for (Topic<?, ?> topic : Topics.ALL) {
                String name = topic.name(prefix);
                if (existing.contains(name)) {
                    present.add(name);
                } else {
                    missing.add(new NewTopic(name, partitions, replicationFactor)
                            .configs(topicConfigs(topic, replicationFactor)));
                }
            }
            checkPartitions(present, partitions);
            List<String> raced = new ArrayList<>();
            List<String> created = create(missing, raced);
            // created meanwhile by another coordinator (or not yet in the metadata we listed): check them too
            checkPartitions(raced, partitions);
            if (!created.isEmpty()) {
                log.info("created topics {} with {} partitions, replication factor {}", created, partitions,
                        replicationFactor);
            }
            return created;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FirelaneException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new FirelaneException("cannot create Firelane topics: " + cause, cause);
        }
    }

    private List<String> create(List<NewTopic> missing, List<String> existed)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<String> created = new ArrayList<>();
        if (missing.isEmpty()) {
            return created;
        }
        var results = admin.createTopics(missing).values();
        for (var entry : results.entrySet()) {
            try {
                entry.getValue().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                created.add(entry.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                existed.add(entry.getKey());
            }
        }
        return created;
    }

    /**
     * Describes topics, retrying while the broker's metadata has not caught up with topics the controller
     * just created (here or by another coordinator).
     */
    private Map<String, TopicDescription> describe(List<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        for (int attempt = 1; ; attempt++) {
            try {
                return admin.describeTopics(topics).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || attempt >= DESCRIBE_ATTEMPTS) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(DESCRIBE_BACKOFF.toMillis());
            }
        }
    }

    private void checkPartitions(List<String> present, int partitions)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (present.isEmpty()) {
            return;
        }
        Map<String, TopicDescription> descriptions = describe(present);
        List<String> wrong = new ArrayList<>();
        descriptions.forEach((name, d) -> {
            if (d.partitions().size() != partitions) {
                wrong.add(name + " has " + d.partitions().size());
            }
        });
        if (!wrong.isEmpty()) {
            throw new FirelaneException("Firelane topics must all have " + partitions + " partitions (they are"
                    + " co-partitioned by job id), but " + String.join(", ", wrong)
                    + "; set partitions to match or repartition the topics");
        }
    }
}
