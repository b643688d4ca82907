package dev.firelane.deploy.chaos;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.awaitility.Awaitility;

/**
 * A real KRaft cluster of three brokers and one controller in this JVM, set up as production would be: replication
 * factor 3 and {@code min.insync.replicas} 2 for every topic, the consumer offsets and the transaction log included,
 * so any one broker can be stopped and started again while producers with {@code acks=all} and transactions go on.
 */
final class ChaosKafka implements AutoCloseable {
    static final int BROKERS = 3;

    private final KafkaClusterTestKit kit;
    private final Admin admin;
    private final Set<Integer> stopped = new TreeSet<>();
    private final String bootstrapServers;

    private ChaosKafka(KafkaClusterTestKit kit) {
        this.kit = kit;
        this.bootstrapServers = kit.bootstrapServers();
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers));
    }

    static ChaosKafka start() {
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setNumBrokerNodes(BROKERS)
                    .setNumControllerNodes(1)
                    .setCombined(false)
                    .setBootstrapMetadataVersion(MetadataVersion.LATEST_PRODUCTION)
                    .build();
            KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("default.replication.factor", "3")
                    .setConfigProp("min.insync.replicas", "2")
                    .setConfigProp("offsets.topic.replication.factor", "3")
                    .setConfigProp("offsets.topic.num.partitions", "3")
                    .setConfigProp("transaction.state.log.replication.factor", "3")
                    .setConfigProp("transaction.state.log.min.isr", "2")
                    .setConfigProp("transaction.state.log.num.partitions", "3")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "false")
                    // a stopped broker's replicas leave the ISR after this, so acks=all waits no longer than it
                    .setConfigProp("replica.lag.time.max.ms", "5000")
                    .build();
            try {
                kit.format();
                kit.startup();
                kit.waitForReadyBrokers();
            } catch (Exception e) {
                kit.close();
                throw e;
            }
            return new ChaosKafka(kit);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the three-broker Kafka cluster: " + e, e);
        }
    }

    /** The listeners of all three brokers; the brokers come back on the same ports. */
    String bootstrapServers() {
        return bootstrapServers;
    }

    Admin admin() {
        return admin;
    }

    /** A controlled shutdown of broker {@code id}: its partitions' leadership moves to the other two. */
    synchronized void stopBroker(int id) {
        kit.brokers().get(id).shutdown();
        stopped.add(id);
    }

    /** Starts a stopped broker again on its own log directories; returns once the cluster counts it again. */
    synchronized void startBroker(int id) {
        kit.brokers().get(id).startup();
        stopped.remove(id);
        Awaitility.await("broker " + id + " back in the cluster").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> admin.describeCluster().nodes().get().size() == BROKERS);
    }

    /** Broker ids, in order. */
    Set<Integer> brokerIds() {
        return new TreeSet<>(kit.brokers().keySet());
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
        try {
            kit.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the Kafka cluster: " + e, e);
        }
    }
}
