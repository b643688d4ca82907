package dev.firelane.deploy.chaos;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import dev.firelane.worker.testing.KafkaTestCluster;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.Awaitility;

/**
 * A real KRaft cluster of three brokers and one controller in this JVM, set up as production would be: replication
 * factor 3 and {@code min.insync.replicas} 2 for every topic, the consumer offsets and the transaction log included,
 * so any one broker can be stopped and started again while producers with {@code acks=all} and transactions go on.
 */
final class ChaosKafka implements AutoCloseable {
    static final int BROKERS = 3;

    private final KafkaTestCluster cluster;

    private ChaosKafka(KafkaTestCluster cluster) {
        this.cluster = cluster;
    }

    static ChaosKafka start() {
        return new ChaosKafka(KafkaTestCluster.start(BROKERS, Map.of(
                "default.replication.factor", "3",
                "min.insync.replicas", "2",
                "offsets.topic.replication.factor", "3",
                "transaction.state.log.replication.factor", "3",
                "transaction.state.log.min.isr", "2",
                "transaction.state.log.num.partitions", "3",
                // a stopped broker's replicas leave the ISR after this, so acks=all waits no longer than it
                "replica.lag.time.max.ms", "5000")));
    }

    /** The listeners of all three brokers; the brokers come back on the same ports. */
    String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    Admin admin() {
        return cluster.admin();
    }

    /** A controlled shutdown of broker {@code id}: its partitions' leadership moves to the other two. */
    synchronized void stopBroker(int id) {
        cluster.testKit().brokers().get(id).shutdown();
    }

    /** Starts a stopped broker again on its own log directories; returns once the cluster counts it again. */
    synchronized void startBroker(int id) {
        cluster.testKit().brokers().get(id).startup();
        Awaitility.await("broker " + id + " back in the cluster").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> admin().describeCluster().nodes().get().size() == BROKERS);
    }

    /** Broker ids, in order. */
    Set<Integer> brokerIds() {
        return new TreeSet<>(cluster.testKit().brokers().keySet());
    }

    @Override
    public void close() {
        cluster.close();
    }
}
