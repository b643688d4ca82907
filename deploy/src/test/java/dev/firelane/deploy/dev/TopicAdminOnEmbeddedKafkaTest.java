package dev.firelane.deploy.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firelane.coordinator.TopicAdmin;
import dev.firelane.protocol.FirelaneException;
import dev.firelane.protocol.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TopicAdminOnEmbeddedKafkaTest {
    @TempDir
    static Path dir;
    static EmbeddedKafka kafka;
    static Admin admin;

    @BeforeAll
    static void start() {
        kafka = new EmbeddedKafka(dir).start();
        admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
    }

    @AfterAll
    static void stop() {
        admin.close();
        kafka.close();
    }

    @Test
    void creates_every_topic_once_with_its_retention_and_compaction() throws Exception {
        TopicAdmin topics = new TopicAdmin(admin);
        assertThat(topics.ensureTopics("a.", 3, (short) 1)).containsExactlyInAnyOrder(
                "a.control", "a.fires", "a.runs", "a.job-state", "a.applied", "a.dlq");
        assertThat(topics.ensureTopics("a.", 3, (short) 1)).as("second start creates nothing").isEmpty();

        assertThat(admin.describeTopics(List.of("a.fires", "a.job-state")).allTopicNames().get().values())
                .allSatisfy(d -> assertThat(d.partitions()).hasSize(3));
        assertThat(config("a.job-state").get("cleanup.policy").value()).isEqualTo("compact");
        assertThat(config("a.control").get("retention.ms").value()).as("replay needs the whole history").isEqualTo("-1");
        assertThat(config("a.fires").get("retention.ms").value()).isEqualTo("-1");
        assertThat(config("a.runs").get("retention.ms").value()).isEqualTo("-1");
        assertThat(config("a.dlq").get("retention.ms").value()).isEqualTo(Long.toString(30L * 24 * 3600 * 1000));
        assertThat(TopicAdmin.topicConfigs(Topics.FIRES, (short) 3)).containsEntry("min.insync.replicas", "2");
    }

    @Test
    void refuses_existing_topics_with_another_partition_count() {
        new TopicAdmin(admin).ensureTopics("b.", 2, (short) 1);
        assertThatThrownBy(() -> new TopicAdmin(admin).ensureTopics("b.", 4, (short) 1))
                .isInstanceOf(FirelaneException.class)
                .hasMessageContaining("must all have 4 partitions")
                .hasMessageContaining("b.control has 2");
    }

    private static Config config(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get().get(resource);
    }
}
