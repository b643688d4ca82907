package dev.firelane.deploy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firelane.coordinator.CoordinatorConfig;
import dev.firelane.coordinator.stats.StatsSettings;
import dev.firelane.coordinator.status.RunRetention;
import dev.firelane.protocol.FirelaneException;
import dev.firelane.worker.WorkerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirelanePropertiesTest {
    @TempDir
    Path dir;

    private static FirelaneProperties of(String... keyValues) {
        Properties props = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            props.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return new FirelaneProperties(props, "test.properties");
    }

    @Test
    void worker_handlers_are_the_built_ins_plus_a_handlers_directory_and_a_missing_one_is_refused_by_its_key()
            throws Exception {
        assertThat(of().workerHandlers().names()).containsExactly("http", "noop", "sleep");
        Path handlers = Files.createDirectories(dir.resolve("handlers"));
        assertThat(of("worker.handlers.dir", handlers.toString()).workerHandlers().names())
                .containsExactly("http", "noop", "sleep");
        assertThat(FirelaneProperties.load(null, java.util.Map.of("FIRELANE_WORKER_HANDLERS_DIR", "/nowhere/handlers")))
                .satisfies(p -> assertThatThrownBy(p::workerHandlers).isInstanceOf(FirelaneException.class)
                        .hasMessageContaining("'worker.handlers.dir'").hasMessageContaining("/nowhere/handlers")
                        .hasMessageContaining("does not exist"));
    }

    /** The example with its placeholder secrets replaced, as an operator would. */
    private FirelaneProperties example() throws Exception {
        String text = Files.readString(Path.of("config/firelane.properties.example"))
                .replace("CHANGE-ME-to-a-random-secret-1", "s3cret-one-0123456789")
                .replace("CHANGE-ME-to-a-random-secret-2", "s3cret-two-0123456789");
        return FirelaneProperties.load(Files.writeString(dir.resolve("firelane.properties"), text));
    }

    @Test
    void the_example_file_configures_both_processes() throws Exception {
        FirelaneProperties example = example();
        CoordinatorConfig coordinator = example.coordinatorConfig();
        assertThat(coordinator.bootstrapServers()).isEqualTo("kafka-1:9092,kafka-2:9092,kafka-3:9092");
        assertThat(coordinator.partitions()).isEqualTo(12);
        assertThat(coordinator.replicationFactor()).isEqualTo((short) 3);
        assertThat(coordinator.database().jdbcUrl()).startsWith("jdbc:mysql://mysql:3306/firelane");
        assertThat(coordinator.knownHandlers()).containsExactlyInAnyOrder("noop", "sleep", "http");
        assertThat(coordinator.commandTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(coordinator.stateDir()).isEqualTo(Path.of("/var/lib/firelane/state"));
        assertThat(coordinator.apiAuth().toString()).isEqualTo("tokens[alice:operator, grafana:viewer]");
        assertThat(coordinator.apiAuth().authenticate("Bearer s3cret-one-0123456789"))
                .hasValueSatisfying(caller -> assertThat(caller.name()).isEqualTo("alice"));
        WorkerConfig worker = example.workerConfig();
        assertThat(worker.maxConcurrentRuns()).isEqualTo(8);
        assertThat(worker.groupId()).isEqualTo("firelane-workers");
        assertThat(worker.drainTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(worker.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(coordinator.runHeartbeatTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(example.httpHandlerConfig().allow()).hasToString("public,https://hooks.example.com/");
        assertThat(example.workerMetricsPort()).hasValue(9404);
        assertThat(coordinator.runRetention().maxAge()).isEqualTo(Duration.ofDays(7));
        assertThat(coordinator.runRetention().maxPerJob()).isEqualTo(1000);
        assertThat(coordinator.apiConfig().maxBulkItems()).isEqualTo(10_000);
        assertThat(coordinator.apiConfig().maxBulkBodyBytes()).isEqualTo(16 * 1024 * 1024);
    }

    @Test
    void bulk_limits_are_keys_of_their_own() {
        CoordinatorConfig bulk = of("kafka.bootstrap.servers", "k:9092", "db.url", "jdbc:h2:mem:x", "api.auth", "off",
                "api.bulk.max.items", "500", "api.bulk.max.bytes", "2000000").coordinatorConfig();
        assertThat(bulk.apiConfig().maxBulkItems()).isEqualTo(500);
        assertThat(bulk.apiConfig().maxBulkBodyBytes()).isEqualTo(2_000_000);
        assertThatThrownBy(() -> of("kafka.bootstrap.servers", "k:9092", "db.url", "jdbc:h2:mem:x", "api.auth", "off",
                "api.bulk.max.items", "0").coordinatorConfig()).hasMessageContaining("apiBulkMaxItems must be >= 1");
    }

    @Test
    void worker_keys_for_heartbeats_cancels_http_and_metrics() {
        FirelaneProperties props = of("kafka.bootstrap.servers", "k:9092", "db.url", "jdbc:h2:mem:x",
                "worker.heartbeat.interval", "2s", "worker.cancel.grace", "10s", "runs.heartbeat.timeout", "1m",
                "worker.http.allow", "10.0.0.0/8, api.example.com", "worker.http.timeout", "5s", "worker.metrics.port", "0",
                "api.auth", "off");
        assertThat(props.workerConfig().heartbeatInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(props.workerConfig().cancelGrace()).isEqualTo(Duration.ofSeconds(10));
        assertThat(props.workerConfig().startedDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(props.workerConfig().handoverAfter()).isEqualTo(Duration.ofMinutes(1));
        assertThat(of("kafka.bootstrap.servers", "k:9092", "worker.handover.after", "10m").workerConfig().handoverAfter())
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(of("kafka.bootstrap.servers", "k:9092", "worker.started.delay", "0").workerConfig().startedDelay()).isZero();
        assertThat(of("kafka.bootstrap.servers", "k:9092", "worker.started.delay", "250ms").workerConfig().startedDelay())
                .isEqualTo(Duration.ofMillis(250));
        assertThatThrownBy(() -> of("kafka.bootstrap.servers", "k", "worker.started.delay", "soon").workerConfig())
                .hasMessageContaining("'worker.started.delay'");
        assertThat(props.coordinatorConfig().runHeartbeatTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(props.httpHandlerConfig().allow()).hasToString("10.0.0.0/8,api.example.com");
        assertThat(props.httpHandlerConfig().defaultTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(props.workerMetricsPort()).hasValue(0);

        FirelaneProperties defaults = of("kafka.bootstrap.servers", "k:9092");
        assertThat(defaults.httpHandlerConfig().allow()).hasToString("public");
        assertThat(defaults.httpHandlerConfig().allow().refusal(java.net.URI.create("http://127.0.0.1:9/"), java.net.InetAddress::getAllByName))
                .as("a worker's refusal says how to change the list where a worker runs")
                .endsWith("'public'; " + FirelaneProperties.HTTP_ALLOW_REMEDY).contains("FIRELANE_WORKER_HTTP_ALLOW", "--http-allow");
        FirelaneProperties option = props.withOption("worker.http.allow", "public,loopback", "--http-allow");
        assertThat(option.httpHandlerConfig().allow()).as("the option wins over the file").hasToString("public,loopback");
        assertThat(option.httpHandlerConfig().defaultTimeout()).as("the rest is kept").isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> props.withOption("worker.http.allow", "not a rule", "--http-allow").httpHandlerConfig())
                .hasMessageContaining("--http-allow").hasMessageContaining("'not a rule'");
        assertThat(defaults.workerMetricsPort()).isEmpty();
        assertThatThrownBy(() -> of("kafka.bootstrap.servers", "k", "worker.http.allow", "10.0.0.0/40").httpHandlerConfig())
                .isInstanceOf(FirelaneException.class).hasMessageContaining("test.properties").hasMessageContaining("prefix length");
        assertThatThrownBy(() -> of("kafka.bootstrap.servers", "k", "worker.metrics.port", "70000").workerMetricsPort())
                .hasMessageContaining("'worker.metrics.port'");
    }

    @Test
    void instance_ids_for_static_membership() {
        FirelaneProperties props = of("kafka.bootstrap.servers", "k:9092", "db.url", "jdbc:h2:mem:x", "api.auth", "off",
                "coordinator.instance.id", "coordinator-0", "worker.id", "worker-3", "worker.static.membership", "true");
        assertThat(props.coordinatorConfig().instanceId()).isEqualTo("coordinator-0");
        assertThat(props.workerConfig().staticMembership()).isTrue();

        FirelaneProperties defaults = of("kafka.bootstrap.servers", "k:9092", "db.url", "jdbc:h2:mem:x", "api.auth", "off");
        assertThat(defaults.coordinatorConfig().instanceId()).as("dynamic membership").isNull();
        assertThat(defaults.workerConfig().staticMembership()).isFalse();
        assertThatThrownBy(() -> of("kafka.bootstrap.servers", "k", "db.url", "jdbc:h2:mem:x", "api.auth", "off",
                "coordinator.instance.id", "pod 0").coordinatorConfig()).hasMessageContaining("instanceId").hasMessageContaining("'pod 0'");
    }

    @Test
    void the_example_file_as_shipped_is_refused_for_its_placeholder_secrets() {
        FirelaneProperties shipped = FirelaneProperties.load(Path.of("config/firelane.properties.example"));
        assertThatThrownBy(shipped::coordinatorConfig).isInstanceOf(FirelaneException.class)
                .hasMessageContaining("the secret of API token 'alice' is still the example's placeholder");
        assertThat(shipped.workerConfig().groupId()).as("workers need no API tokens").isEqualTo("firelane-workers");
    }

    @Test
    void the_coordinator_refuses_to_start_without_tokens_unless_auth_is_off() {
        assertThatThrownBy(() -> of("kafka.bootstrap.servers", "k:9092", "db.url", "jdbc:h2:mem:x").coordinatorConfig())
                .hasMessageContaining("the REST API needs tokens");
        CoordinatorConfig open = of("kafka.bootstrap.servers", "k:9092", "db.url", "jdbc:h2:mem:x", "api.auth", "off")
                .coordinatorConfig();
        assertThat(open.apiAuth().isOpen()).isTrue();
        assertThatThrownBy(() -> of("kafka.bootstrap.servers", "k", "db.url", "jdbc:h2:mem:x", "api.auth", "off",
                "api.tokens", "a:operator:0123456789abcdefg").coordinatorConfig()).hasMessageContaining("remove one");
        assertThatThrownBy(() -> of("kafka.bootstrap.servers", "k", "db.url", "jdbc:h2:mem:x", "api.auth", "maybe")
                .coordinatorConfig()).hasMessageContaining("'api.auth' must be tokens or off");
    }

    @Test
    void tokens_come_from_the_list_and_the_file_and_bad_ones_are_named_without_their_secret() throws Exception {
        Path file = Files.writeString(dir.resolve("tokens"), "# ops\nbob:operator:bob-secret-0123456789\n");
        CoordinatorConfig config = of("kafka.bootstrap.servers", "k", "db.url", "jdbc:h2:mem:x",
                "api.tokens", "grafana:viewer:grafana-secret-0123456789", "api.tokens.file", file.toString())
                .coordinatorConfig();
        assertThat(config.apiAuth().toString()).isEqualTo("tokens[grafana:viewer, bob:operator]");
        assertThat(config.toString()).doesNotContain("bob-secret-0123456789").doesNotContain("grafana-secret");

        assertThatThrownBy(() -> of("kafka.bootstrap.servers", "k", "db.url", "jdbc:h2:mem:x",
                "api.tokens", "carol:admin:carol-secret-0123456789").coordinatorConfig())
                .hasMessage("test.properties: token 1: role must be viewer or operator; got 'admin'");
        assertThatThrownBy(() -> of("kafka.bootstrap.servers", "k", "db.url", "jdbc:h2:mem:x",
                "api.tokens", "carol:operator:short").coordinatorConfig())
                .hasMessageContaining("at least 16 characters").message().doesNotContain(":short");
    }

    @Test
    void defaults_apply_to_keys_left_out() {
        CoordinatorConfig config = of("kafka.bootstrap.servers", "k:9092", "db.url", "jdbc:h2:mem:x", "api.auth", "off")
                .coordinatorConfig();
        assertThat(config.partitions()).isEqualTo(CoordinatorConfig.DEFAULT_PARTITIONS);
        assertThat(config.apiPort()).isEqualTo(CoordinatorConfig.DEFAULT_API_PORT);
        assertThat(config.topicPrefix()).isEqualTo("firelane.");
        assertThat(config.knownHandlers()).isEmpty();
        assertThat(config.runRetention()).isEqualTo(RunRetention.Policy.defaults());
    }

    @Test
    void run_history_retention_keys_set_the_policy_and_bad_ones_are_refused_by_name() {
        CoordinatorConfig config = of("kafka.bootstrap.servers", "k:9092", "db.url", "jdbc:h2:mem:x", "api.auth", "off",
                "runs.retention.age", "off", "runs.retention.per.job", "50", "runs.retention.interval", "10s")
                .coordinatorConfig();
        assertThat(config.runRetention().maxAge()).isNull();
        assertThat(config.runRetention().maxPerJob()).isEqualTo(50);
        assertThat(config.runRetention().interval()).isEqualTo(Duration.ofSeconds(10));
        assertThatThrownBy(() -> of("kafka.bootstrap.servers", "k", "db.url", "jdbc:h2:mem:x", "api.auth", "off",
                "runs.retention.age", "5s").coordinatorConfig()).hasMessageContaining("maxAge must be at least PT1M");
        assertThatThrownBy(() -> of("kafka.bootstrap.servers", "k", "db.url", "jdbc:h2:mem:x", "api.auth", "off",
                "runs.retention.per.job", "-1").coordinatorConfig()).hasMessageContaining("maxPerJob");
    }

    @Test
    void stats_keys_set_the_system_view_s_sampling_and_bad_ones_are_refused_by_name() {
        CoordinatorConfig config = of("kafka.bootstrap.servers", "k:9092", "db.url", "jdbc:h2:mem:x", "api.auth", "off",
                "stats.interval", "1s", "stats.window", "15m").coordinatorConfig();
        assertThat(config.stats()).isEqualTo(new StatsSettings(Duration.ofSeconds(1), Duration.ofMinutes(15)));
        assertThat(of("kafka.bootstrap.servers", "k:9092", "db.url", "jdbc:h2:mem:x", "api.auth", "off")
                .coordinatorConfig().stats()).isEqualTo(StatsSettings.defaults());
        assertThatThrownBy(() -> of("kafka.bootstrap.servers", "k", "db.url", "jdbc:h2:mem:x", "api.auth", "off",
                "stats.interval", "10ms").coordinatorConfig()).hasMessageContaining("'stats.interval'");
        assertThatThrownBy(() -> of("kafka.bootstrap.servers", "k", "db.url", "jdbc:h2:mem:x", "api.auth", "off",
                "stats.interval", "1s", "stats.window", "30d").coordinatorConfig()).hasMessageContaining("stats window");
    }

    @Test
    void other_kafka_keys_are_passed_to_the_clients_without_the_prefix() {
        FirelaneProperties props = of("kafka.bootstrap.servers", "k:9092", "db.url", "jdbc:h2:mem:x",
                "kafka.security.protocol", "SASL_SSL", "api.auth", "off");
        assertThat(props.coordinatorConfig().streamsProperties()).containsEntry("security.protocol", "SASL_SSL")
                .doesNotContainKey("bootstrap.servers");
        assertThat(props.workerConfig().consumerProperties()).containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void unknown_keys_missing_keys_and_bad_values_are_refused_by_name() {
        assertThatThrownBy(() -> of("kafka.bootstrap.servers", "k", "partitons", "3"))
                .isInstanceOf(FirelaneException.class).hasMessageContaining("unknown key 'partitons'");
        assertThatThrownBy(() -> of("kafka.bootstrap.servers", "k").coordinatorConfig())
                .hasMessageContaining("'db.url' is required");
        assertThatThrownBy(() -> of("db.url", "jdbc:h2:mem:x").workerConfig())
                .hasMessageContaining("'kafka.bootstrap.servers' is required");
        assertThatThrownBy(() -> of("kafka.bootstrap.servers", "k", "db.url", "jdbc:h2:mem:x", "partitions", "six",
                "api.auth", "off").coordinatorConfig()).hasMessageContaining("'partitions' must be a whole number");
        assertThatThrownBy(() -> of("kafka.bootstrap.servers", "k", "db.url", "jdbc:h2:mem:x", "partitions", "0",
                "api.auth", "off").coordinatorConfig()).hasMessageContaining("partitions must be >= 1");
        assertThatThrownBy(() -> of("kafka.bootstrap.servers", "k", "worker.drain.timeout", "soon").workerConfig())
                .hasMessageContaining("'worker.drain.timeout'");
    }

    @Test
    void a_missing_file_is_reported_with_its_path() {
        Path missing = dir.resolve("nope.properties");
        assertThatThrownBy(() -> FirelaneProperties.load(missing)).hasMessageContaining(missing.toString());
    }

    @Test
    void coordinator_command_reports_a_bad_config_as_one_line_and_exit_1() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.properties"), "kafka.bootstrap.servers=k:9092\n");
        var cli = dev.firelane.deploy.CliRun.run("coordinator", "--config", file.toString());
        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).startsWith("error: ").contains("'db.url' is required");
    }

    @Test
    void environment_variables_override_the_file_and_may_stand_in_for_it() throws Exception {
        Path file = Files.writeString(dir.resolve("f.properties"),
                "kafka.bootstrap.servers=file:9092\ndb.url=jdbc:h2:mem:x\nworker.concurrency=2\n");
        Path secret = Files.writeString(dir.resolve("db-password"), "s3cret\n");
        FirelaneProperties props = FirelaneProperties.load(file, java.util.Map.of(
                "FIRELANE_KAFKA_BOOTSTRAP_SERVERS", "env:9092",
                "FIRELANE_DB_PASSWORD_FILE", secret.toString(),
                "FIRELANE_KAFKA_SASL_JAAS_CONFIG_FILE", secret.toString(),
                "FIRELANE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "FIRELANE_JAVA_OPTS", "-Xmx1g",
                "PATH", "/usr/bin"));
        assertThat(props.workerConfig().bootstrapServers()).isEqualTo("env:9092");
        assertThat(props.workerConfig().maxConcurrentRuns()).as("a key only the file sets").isEqualTo(2);
        assertThat(props.replayEndpoints().database().password()).as("the file's content, its newline trimmed")
                .isEqualTo("s3cret");
        assertThat(props.kafkaClientProperties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.jaas.config", "s3cret");

        FirelaneProperties envOnly = FirelaneProperties.load(null, java.util.Map.of(
                "FIRELANE_KAFKA_BOOTSTRAP_SERVERS", "env:9092", "FIRELANE_WORKER_GROUP", "g"));
        assertThat(envOnly.workerConfig().groupId()).isEqualTo("g");
        FirelaneProperties viaConfigVariable = FirelaneProperties.load(null,
                java.util.Map.of("FIRELANE_CONFIG", file.toString()));
        assertThat(viaConfigVariable.workerConfig().bootstrapServers()).isEqualTo("file:9092");
    }

    @Test
    void a_variable_that_names_no_key_is_refused_by_name() {
        assertThatThrownBy(() -> FirelaneProperties.load(null, java.util.Map.of("FIRELANE_DB_PASSWROD", "x")))
                .isInstanceOf(FirelaneException.class).hasMessageContaining("FIRELANE_DB_PASSWROD")
                .hasMessageContaining("sets no configuration key");
        assertThatThrownBy(() -> FirelaneProperties.load(null, java.util.Map.of(
                "FIRELANE_DB_PASSWORD", "x", "FIRELANE_DB_PASSWORD_FILE", "/nowhere")))
                .hasMessageContaining("remove one");
        assertThatThrownBy(() -> FirelaneProperties.load(null, java.util.Map.of("FIRELANE_DB_PASSWORD_FILE", "/nowhere")))
                .hasMessageContaining("FIRELANE_DB_PASSWORD_FILE").hasMessageContaining("/nowhere");
        assertThatThrownBy(() -> FirelaneProperties.load(null, java.util.Map.of(
                "FIRELANE_KAFKA_BOOTSTRAP_SERVERS", "k:9092", "FIRELANE_WORKER_CONCURRENCY", "many")).workerConfig())
                .hasMessageContaining("the environment").hasMessageContaining("'worker.concurrency' must be a whole number");
    }

    @Test
    void every_key_has_a_variable_that_maps_back_to_it() {
        for (String key : FirelaneProperties.knownKeys()) {
            String variable = FirelaneProperties.environmentVariable(key);
            assertThat(FirelaneProperties.keyOfEnvironmentVariable(variable)).as(variable).isEqualTo(key);
        }
        assertThat(FirelaneProperties.keyOfEnvironmentVariable("FIRELANE_API_TOKENS_FILE")).isEqualTo("api.tokens.file");
        assertThat(FirelaneProperties.keyOfEnvironmentVariable("FIRELANE_KAFKA_SSL_KEYSTORE_PASSWORD_FILE"))
                .isEqualTo("kafka.ssl.keystore.password");
    }
}
