package dev.firelane.deploy.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.deploy.server.FirelaneProperties;
import dev.firelane.deploy.server.ReplayEndpoints;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevPropertiesFileTest {
    @TempDir
    Path dir;

    @Test
    void writes_the_endpoints_in_the_format_of_the_coordinator_config() {
        DatabaseConfig database = DatabaseConfig.h2File(dir.resolve("db").resolve("firelane"));
        Path file = DevPropertiesFile.write(dir, "127.0.0.1:40123", "firelane.", 3, database);

        assertThat(file).isEqualTo(dir.resolve("firelane.properties"));
        FirelaneProperties props = FirelaneProperties.load(file);
        ReplayEndpoints endpoints = props.replayEndpoints();
        assertThat(endpoints.bootstrapServers()).isEqualTo("127.0.0.1:40123");
        assertThat(endpoints.topicPrefix()).isEqualTo("firelane.");
        assertThat(endpoints.database().jdbcUrl()).isEqualTo(database.jdbcUrl()).contains("AUTO_SERVER=TRUE");
        assertThat(endpoints.database().user()).isEqualTo("sa");
        assertThat(endpoints.database().password()).isEmpty();
        // load() refuses unknown keys, so every key is one of firelane coordinator --config; the file is not a
        // whole coordinator config though: that also needs API tokens, which dev mode keeps in operator.token
        assertThatThrownBy(props::coordinatorConfig).hasMessageContaining("api.tokens");
    }
}
