package dev.firelane.worker;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The Kafka client properties of a worker: its defaults, the user's extras, then what it cannot do without. */
final class ClientSettings {
    private ClientSettings() {
    }

    static Properties consumer(WorkerConfig config) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, config.workerId() + "-fires");
        // a new group starts from the oldest fire: 'latest' would silently skip fires emitted before it joined
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // hold no more fires than can run, so an idle worker of the group gets the rest
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxConcurrentRuns());
        // start latency: the broker answers a fetch as soon as one fire is there. fetch.max.wait.ms (Kafka's 500 ms)
        // then only bounds an empty long poll, and what waits behind one: the consumer has one fetch per broker in
        // flight, so partitions it did not name (just assigned) wait up to that long. Raising fetch.min.bytes
        // trades up to fetch.max.wait.ms of every fire's start for fewer fetches.
        p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
        p.putAll(config.consumerProperties());
        if (config.staticMembership()) {
            p.putIfAbsent(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, config.workerId());
        }
        p.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, WorkerConfig.DEFAULT_SESSION_TIMEOUT_MS);
        p.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, WorkerConfig.DEFAULT_SESSION_TIMEOUT_MS / 5);
        if (!"consumer".equalsIgnoreCase(String.valueOf(p.get(ConsumerConfig.GROUP_PROTOCOL_CONFIG)))) {
            // only moved partitions are revoked, so fewer runs in flight are redelivered on a rebalance
            p.putIfAbsent(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        }
        p.putAll(WorkerConfig.FIXED_CONSUMER_SETTINGS);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    /**
     * The reader of {@code control}: no group (it assigns every partition itself and never commits), so
     * every worker sees every cancel.
     */
    static Properties control(WorkerConfig config) {
        return tail(config, "-control");
    }

    /** The reader of {@code job-state}: like {@link #control}, every worker sees every applied pause. */
    static Properties jobState(WorkerConfig config) {
        return tail(config, "-job-state");
    }

    private static Properties tail(WorkerConfig config, String clientIdSuffix) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.putAll(config.consumerProperties());
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, config.workerId() + clientIdSuffix);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // a few records now and then, each wanted at once (a cancel, a pause): nothing to batch
        p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    static Properties producer(WorkerConfig config) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, config.workerId() + "-runs");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // run events of concurrent runs share batches, yet a Started or Completed waits at most linger.ms (5 ms)
        // before it is sent, less when a batch fills; only a broker already holding the 5 requests in flight
        // that idempotence allows per connection makes it wait longer. Nothing waits for a Started to land.
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.putAll(config.producerProperties());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }
}
