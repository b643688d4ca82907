package dev.firelane.deploy.server;

import dev.firelane.coordinator.store.DatabaseConfig;
import java.util.Properties;

/**
 * What {@code firelane replay} reads from a {@code --config} file: the Kafka cluster, the topic prefix and the
 * job database, each of which may be missing (a worker's file has no database).
 *
 * @param bootstrapServers {@code kafka.bootstrap.servers}, or null
 * @param clientProperties the other {@code kafka.*} keys, without the prefix
 * @param database         {@code db.url}, {@code db.user}, {@code db.password}, or null without {@code db.url}
 * @param workerGroup      {@code worker.group} (the workers' consumer group), or its default
 */
public record ReplayEndpoints(String bootstrapServers, String topicPrefix, Properties clientProperties,
                              DatabaseConfig database, String workerGroup) {
}
