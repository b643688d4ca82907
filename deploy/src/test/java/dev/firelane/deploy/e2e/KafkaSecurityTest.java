package dev.firelane.deploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.firelane.coordinator.CoordinatorRuntime;
import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.coordinator.testing.TestDatabases;
import dev.firelane.deploy.CliRun;
import dev.firelane.deploy.server.FirelaneProperties;
import dev.firelane.worker.HandlerRegistry;
import dev.firelane.worker.Worker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Firelane over a broker that lets in only SCRAM-SHA-512 over TLS: the coordinator (admin, status stream,
 * fire topology, control tail, command publisher), a worker and the replay tools, all configured through
 * nothing but {@code kafka.*} keys (the secrets from {@code FIRELANE_KAFKA_…_FILE} files), run a job, record its
 * runs and apply its pause; and the broker refuses a client without the credentials or without the CA.
 */
class KafkaSecurityTest {
    private static final String PREFIX = "sec.";
    private static final String USER = "firelane";
    private static final String PASSWORD = "scram-secret-0123456789";
    private static final String TOKEN = "sec-operator-secret-0123456789";
    private static final Clock CLOCK = Clock.systemUTC();

    @TempDir
    static Path dir;
    private static ScramTlsKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = ScramTlsKafka.start(dir, USER, PASSWORD, CLOCK);
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void coordinator_worker_and_replay_run_a_job_and_apply_its_pause_over_scram_and_tls() throws Exception {
        DatabaseConfig database = TestDatabases.h2();
        Path config = write("firelane.properties", """
                kafka.bootstrap.servers=%s
                kafka.security.protocol=SASL_SSL
                kafka.sasl.mechanism=SCRAM-SHA-512
                kafka.ssl.truststore.type=PKCS12
                kafka.ssl.truststore.location=%s
                topic.prefix=%s
                partitions=2
                db.url=%s
                db.user=%s
                api.port=0
                api.tokens=ops:operator:%s
                state.dir=%s
                worker.id=sec-worker
                """.formatted(kafka.bootstrapServers(), kafka.trustStore(), PREFIX, database.jdbcUrl(),
                database.user(), TOKEN, dir.resolve("state")));
        // the secrets as a container gets them: files named by FIRELANE_<KEY>_FILE
        Map<String, String> env = Map.of(
                "FIRELANE_KAFKA_SASL_JAAS_CONFIG_FILE", write("jaas", ScramTlsKafka.jaas(USER, PASSWORD)).toString(),
                "FIRELANE_KAFKA_SSL_TRUSTSTORE_PASSWORD_FILE", write("truststore-password", kafka.trustStorePassword()).toString());
        FirelaneProperties properties = FirelaneProperties.load(config, env);

        try (CoordinatorRuntime coordinator = new CoordinatorRuntime(properties.coordinatorConfig(), CLOCK).start();
             Worker worker = new Worker(properties.workerConfig(), HandlerRegistry.load(), CLOCK)) {
            assertThat(coordinator.awaitRunning(Duration.ofSeconds(30))).as("coordinator streams RUNNING").isTrue();
            worker.start();
            ApiClient api = new ApiClient("http://127.0.0.1:" + coordinator.apiPort(), TOKEN);

            ApiClient.Reply created = api.post("/api/jobs",
                    "{\"id\":\"tick\",\"scheduleKind\":\"every\",\"schedule\":\"1s\",\"handler\":\"noop\"}");
            assertThat(created.status()).as("create: %s", created.body()).isEqualTo(201);
            await("runs applied to the database").atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(number(coordinator, "SELECT COUNT(*) FROM job_runs WHERE job_id = ? AND outcome = 'ok'"))
                            .isGreaterThanOrEqualTo(2));

            ApiClient.Reply paused = api.post("/api/jobs/tick/pause", "{\"reason\":\"security test\"}");
            assertThat(paused.status()).as("pause: %s", paused.body()).isEqualTo(200);
            assertThat(text(coordinator, "SELECT status FROM jobs WHERE id = ?")).isEqualTo("paused");
            assertThat(text(coordinator, "SELECT result FROM job_commands WHERE job_id = ? AND kind = 'Pause'"))
                    .isEqualTo("applied");

            // the replay tools read the topics with the same kafka.* keys
            Path replayConfig = write("replay.properties", Files.readString(config)
                    + "kafka.sasl.jaas.config=" + ScramTlsKafka.jaas(USER, PASSWORD).replace("\\", "\\\\") + "\n"
                    + "kafka.ssl.truststore.password=" + kafka.trustStorePassword() + "\n");
            CliRun timeline = CliRun.run("replay", "timeline", "--job", "tick", "--config", replayConfig.toString());
            assertThat(timeline.exitCode()).as(timeline.err()).isZero();
            assertThat(timeline.out()).contains("Pause by ops \"security test\"");
        }
    }

    @Test
    void the_broker_refuses_a_wrong_password() {
        Throwable refused = describeCluster(kafka.clientSettings(USER, "not-the-password"));
        assertThat(refused).isInstanceOf(SaslAuthenticationException.class);
    }

    @Test
    void the_broker_refuses_a_client_that_does_not_trust_its_ca() {
        Map<String, Object> settings = kafka.clientSettings(USER, PASSWORD);
        settings.remove(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG);
        settings.remove(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG);
        settings.remove(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG);
        assertThat(describeCluster(settings)).isInstanceOf(SslAuthenticationException.class);
    }

    @Test
    void the_broker_answers_no_plaintext_client() {
        Map<String, Object> plaintext = new HashMap<>();
        plaintext.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        assertThat(describeCluster(plaintext)).isInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
    }

    /** What the broker answers a describeCluster with {@code settings}: null if it let the client in. */
    private static Throwable describeCluster(Map<String, Object> settings) {
        Map<String, Object> p = new HashMap<>(settings);
        // a plaintext client gets no answer at all, only its timeout: keep it short
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 1_500);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_500);
        try (Admin admin = Admin.create(p)) {
            Throwable thrown = catchThrowable(() -> admin.describeCluster().nodes().get(10, TimeUnit.SECONDS));
            assertThat(thrown).as("the broker let the client in").isInstanceOf(ExecutionException.class);
            return thrown.getCause();
        }
    }

    private static Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static long number(CoordinatorRuntime coordinator, String sql) throws SQLException {
        return Long.parseLong(text(coordinator, sql));
    }

    /** The first column of the first row of {@code sql}, whose one parameter is the job id. */
    private static String text(CoordinatorRuntime coordinator, String sql) throws SQLException {
        try (Connection c = coordinator.database().dataSource().getConnection();
             PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, "tick");
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).as("a row for %s", sql).isTrue();
                return rs.getString(1);
            }
        }
    }
}
