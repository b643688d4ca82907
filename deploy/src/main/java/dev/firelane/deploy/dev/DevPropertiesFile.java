package dev.firelane.deploy.dev;

import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.protocol.FirelaneException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * {@code <data-dir>/firelane.properties}: where a running dev instance's Kafka and database are, in the format of
 * {@code firelane coordinator --config}, so that {@code firelane replay … --config <data-dir>/firelane.properties}
 * reads this instance. Rewritten on every start (the broker's port changes).
 */
final class DevPropertiesFile {
    static final String NAME = "firelane.properties";

    private DevPropertiesFile() {
    }

    static Path write(Path dataDir, String bootstrapServers, String topicPrefix, int partitions, DatabaseConfig database) {
        Properties props = new Properties();
        props.setProperty("kafka.bootstrap.servers", bootstrapServers);
        props.setProperty("topic.prefix", topicPrefix);
        props.setProperty("partitions", Integer.toString(partitions));
        props.setProperty("replication.factor", "1");
        // AUTO_SERVER=TRUE: another process (firelane replay) reads the database while dev mode runs
        props.setProperty("db.url", database.jdbcUrl());
        props.setProperty("db.user", database.user());
        props.setProperty("db.password", database.password());
        Path file = dataDir.resolve(NAME);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            props.store(out, "written by firelane dev on every start, for: firelane replay ... --config " + file);
            return file;
        } catch (IOException e) {
            throw new FirelaneException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
