package dev.firelane.worker.testing;

import dev.firelane.protocol.Topic;
import dev.firelane.protocol.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.awaitility.Awaitility;

/**
 * A real single-node KRaft cluster (1 broker + 1 controller) in this JVM, set up the way
 * NOTES-DEPENDENCIES.md says works: production metadata version, replication factors of 1, no initial
 * rebalance delay. Start one per test class:
 *
 * <pre>{@code
 * static KafkaTestCluster kafka;
 * @BeforeAll static void startKafka() { kafka = KafkaTestCluster.start(); }
 * @AfterAll static void stopKafka() { kafka.close(); }
 * }</pre>
 *
 * <p>Give each test its own topic prefix ({@link #createTopics(String, int)}) and consumer group, and the
 * tests of a class stay independent. The produce and read helpers are for small test volumes; reads use
 * {@code read_committed}, like the components do.
 */
public final class KafkaTestCluster implements AutoCloseable {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(15);

    private final KafkaClusterTestKit kit;
    private final Admin admin;
    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicBoolean closed = new AtomicBoolean();

    private KafkaTestCluster(KafkaClusterTestKit kit) {
        this.kit = kit;
        this.admin = Admin.create(Map.of("bootstrap.servers", kit.bootstrapServers()));
        this.producer = new KafkaProducer<>(producerProperties(kit.bootstrapServers()), new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    /** Starts a cluster with the default settings. */
    public static KafkaTestCluster start() {
        return start(Map.of());
    }

    /** Starts a cluster; {@code brokerProperties} are added to (or override) the defaults on every node. */
    public static KafkaTestCluster start(Map<String, Object> brokerProperties) {
        return start(1, brokerProperties);
    }

    /**
     * Starts a cluster of {@code brokers} brokers and one controller; {@code brokerProperties} are added to (or
     * override) the single-broker defaults on every node (replication factors, above all).
     */
    public static KafkaTestCluster start(int brokers, Map<String, Object> brokerProperties) {
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setNumBrokerNodes(brokers)
                    .setNumControllerNodes(1)
                    .setCombined(false)
                    .setBootstrapMetadataVersion(MetadataVersion.LATEST_PRODUCTION)
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "3")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "false");
            brokerProperties.forEach(builder::setConfigProp);
            KafkaClusterTestKit kit = builder.build();
            try {
                kit.format();
                kit.startup();
                kit.waitForReadyBrokers();
            } catch (Exception e) {
                kit.close();
                throw e;
            }
            return new KafkaTestCluster(kit);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the Kafka test cluster: " + e, e);
        }
    }

    public String bootstrapServers() {
        return kit.bootstrapServers();
    }

    /** The cluster's admin client (closed with the cluster; do not close it). */
    public Admin admin() {
        return admin;
    }

    /** The underlying test kit, for broker stop/restart scenarios. */
    public KafkaClusterTestKit testKit() {
        return kit;
    }

    /** Creates every topic of {@link Topics#ALL} under {@code prefix}; {@code job-state} is compacted. */
    public void createTopics(String prefix, int partitions) {
        List<NewTopic> topics = new ArrayList<>();
        for (Topic<?, ?> topic : Topics.ALL) {
            NewTopic newTopic = new NewTopic(topic.name(prefix), partitions, (short) 1);
            if (topic == Topics.JOB_STATE) {
                newTopic.configs(Map.of("cleanup.policy", "compact"));
            }
            topics.add(newTopic);
        }
        get(admin.createTopics(topics).all());
        awaitLeaders(topics.stream().map(NewTopic::name).toList());
    }

    /**
     * Waits until every partition's leader serves requests. Produces sent in the moment between topic
     * creation and leadership fail with NOT_LEADER_OR_FOLLOWER, which can leave an idempotent producer
     * stuck on OUT_OF_ORDER_SEQUENCE_NUMBER. ListOffsets is answered by the leader only.
     */
    public void awaitLeaders(List<String> topicNames) {
        // right after creation the broker may not know the topics or their leaders yet (describe and
        // ListOffsets both answer UNKNOWN_TOPIC_OR_PARTITION): ask again until it does
        Awaitility.await("leaders of " + topicNames).atMost(READ_TIMEOUT).pollInterval(Duration.ofMillis(50))
                .ignoreExceptions().until(() -> {
                    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
                    for (String topic : topicNames) {
                        partitions(topic).forEach(tp -> request.put(tp, OffsetSpec.latest()));
                    }
                    return get(admin.listOffsets(request).all()) != null;
                });
    }

    /** Sends one record and waits for the broker's acknowledgement. */
    public <K, V> void send(Topic<K, V> topic, String prefix, K key, V value) {
        String name = topic.name(prefix);
        sendRaw(name, topic.keySerde().serializer().serialize(name, key), topic.valueSerde().serializer().serialize(name, value));
    }

    /** Sends records (all acknowledged when this returns), batched. */
    public <K, V> void sendAll(Topic<K, V> topic, String prefix, Map<K, List<V>> valuesByKey) {
        String name = topic.name(prefix);
        List<Future<?>> acks = new ArrayList<>();
        valuesByKey.forEach((key, values) -> {
            byte[] keyBytes = topic.keySerde().serializer().serialize(name, key);
            for (V value : values) {
                acks.add(producer.send(new ProducerRecord<>(name, keyBytes, topic.valueSerde().serializer().serialize(name, value))));
            }
        });
        acks.forEach(KafkaTestCluster::get);
    }

    /** Sends raw bytes (e.g. a malformed record) and waits for the acknowledgement. */
    public void sendRaw(String topic, byte[] key, byte[] value) {
        get(producer.send(new ProducerRecord<>(topic, key, value)));
    }

    /** Every committed record of a topic, deserialized with its serdes, in partition then offset order. */
    public <K, V> List<ConsumerRecord<K, V>> readAll(Topic<K, V> topic, String prefix) {
        String name = topic.name(prefix);
        List<ConsumerRecord<K, V>> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : readRaw(name, Map.of())) {
            out.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(),
                    topic.keySerde().deserializer().deserialize(name, r.key()),
                    topic.valueSerde().deserializer().deserialize(name, r.value())));
        }
        return out;
    }

    /** The values of {@link #readAll}. */
    public <K, V> List<V> readValues(Topic<K, V> topic, String prefix) {
        return readAll(topic, prefix).stream().map(ConsumerRecord::value).toList();
    }

    /**
     * The committed records of {@code topic} that group {@code groupId} has not committed yet: what a new
     * member of the group would still be given. Counts records, not offsets, so transaction markers never
     * show as work left.
     */
    public List<ConsumerRecord<byte[], byte[]>> uncommitted(String groupId, String topic) {
        Map<TopicPartition, OffsetAndMetadata> committed = get(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata());
        Map<TopicPartition, Long> from = new HashMap<>();
        committed.forEach((tp, offset) -> {
            if (offset != null && tp.topic().equals(topic)) {
                from.put(tp, offset.offset());
            }
        });
        return readRaw(topic, from);
    }

    /** Members of consumer group {@code groupId} now (0 for an unknown group). */
    public int groupMembers(String groupId) {
        return get(admin.describeConsumerGroups(List.of(groupId)).describedGroups().get(groupId)).members().size();
    }

    /** Partitions assigned to each member of consumer group {@code groupId} (by client id). */
    public Map<String, Integer> groupAssignmentSizes(String groupId) {
        Map<String, Integer> out = new HashMap<>();
        get(admin.describeConsumerGroups(List.of(groupId)).describedGroups().get(groupId)).members()
                .forEach(m -> out.merge(m.clientId(), m.assignment().topicPartitions().size(), Integer::sum));
        return out;
    }

    /** Committed records of {@code topic}, from {@code from} (per partition; default the beginning) to the end. */
    public List<ConsumerRecord<byte[], byte[]>> readRaw(String topic, Map<TopicPartition, Long> from) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(readerProperties(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitions(topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            from.forEach(consumer::seek);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic + " did not reach " + end + " in " + READ_TIMEOUT);
                }
                consumer.poll(Duration.ofMillis(100)).forEach(out::add);
            }
            out.sort(Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(ConsumerRecord::partition)
                    .thenComparingLong(ConsumerRecord::offset));
            return out;
        }
    }

    /** The partitions of {@code topic}. */
    public List<TopicPartition> partitions(String topic) {
        TopicDescription description = get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic);
        return description.partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    /** Stops the cluster; safe to call more than once (the kit's own close is not). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
        try {
            kit.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the Kafka test cluster", e);
        }
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private Properties readerProperties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return p;
    }

    private static Properties producerProperties(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        return p;
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().toString(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer from the test cluster in 30 s", e);
        }
    }
}
