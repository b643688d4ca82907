package dev.firelane.deploy.e2e;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.common.message.AlterUserScramCredentialsRequestData;
import org.apache.kafka.common.message.AlterUserScramCredentialsRequestData.ScramCredentialUpsertion;
import org.apache.kafka.common.message.AlterUserScramCredentialsResponseData;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.security.scram.internals.ScramFormatter;
import org.apache.kafka.controller.Controller;
import org.apache.kafka.controller.ControllerRequestContext;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.awaitility.Awaitility;

/**
 * A real single-node KRaft cluster in this JVM whose client listener takes only SASL_SSL with SCRAM-SHA-512,
 * with certificates made at start ({@link TestCertificates}). The controller listener stays plaintext (clients
 * never see it); the SCRAM users are created in the controller itself, because the broker's own listener
 * cannot be reached before a user exists. The broker talks to itself (the
 * transaction markers of exactly-once) over the same SASL_SSL listener, as its own SCRAM user.
 */
final class ScramTlsKafka implements AutoCloseable {
    static final String MECHANISM = "SCRAM-SHA-512";
    private static final String LISTENER = "EXTERNAL";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final int BROKER_ID = 0;
    private static final String BROKER_USER = "broker";
    private static final int SCRAM_ITERATIONS = 4096;

    private final KafkaClusterTestKit kit;
    private final TestCertificates certificates;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ScramTlsKafka(KafkaClusterTestKit kit, TestCertificates certificates) {
        this.kit = kit;
        this.certificates = certificates;
    }

    /**
     * Starts the cluster with certificates written to {@code dir}, and creates the SCRAM user {@code user} with
     * {@code password}; returns once that user is let in.
     */
    static ScramTlsKafka start(Path dir, String user, String password, Clock clock) {
        TestCertificates certificates = TestCertificates.create(dir, "store-" + Long.toHexString(clock.millis()), clock);
        String brokerPassword = "broker-" + Long.toHexString(clock.millis());
        KafkaClusterTestKit kit = null;
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setCombined(false)
                    .setBootstrapMetadataVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setBrokerListenerName(new ListenerName(LISTENER))
                    .setControllerListenerName(new ListenerName(CONTROLLER_LISTENER))
                    .setPerServerProperties(Map.of(BROKER_ID, brokerSecurity(certificates, brokerPassword)))
                    .build();
            kit = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "3")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "false")
                    .build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            ScramTlsKafka kafka = new ScramTlsKafka(kit, certificates);
            kafka.createUsers(Map.of(BROKER_USER, brokerPassword, user, password));
            kafka.awaitLetIn(user, password);
            return kafka;
        } catch (Exception e) {
            if (kit != null) {
                try {
                    kit.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new IllegalStateException("cannot start the SCRAM/TLS Kafka test cluster: " + e, e);
        }
    }

    /** The broker's client listener: SASL_SSL only, SCRAM-SHA-512 only, its certificate from {@code certificates}. */
    private static Map<String, String> brokerSecurity(TestCertificates certificates, String brokerPassword) {
        String prefix = "listener.name." + LISTENER.toLowerCase() + ".";
        Map<String, String> p = new HashMap<>();
        p.put("listener.security.protocol.map", LISTENER + ":SASL_SSL," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("sasl.enabled.mechanisms", MECHANISM);
        p.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
        p.put(prefix + MECHANISM.toLowerCase() + ".sasl.jaas.config", jaas(BROKER_USER, brokerPassword));
        p.put(prefix + "ssl.keystore.location", certificates.keyStore().toString());
        p.put(prefix + "ssl.keystore.type", "PKCS12");
        p.put(prefix + "ssl.keystore.password", certificates.password());
        p.put(prefix + "ssl.key.password", certificates.password());
        // the broker is a client of itself (transaction markers): it trusts the same CA
        p.put(prefix + "ssl.truststore.location", certificates.trustStore().toString());
        p.put(prefix + "ssl.truststore.type", "PKCS12");
        p.put(prefix + "ssl.truststore.password", certificates.password());
        return p;
    }

    static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    String bootstrapServers() {
        return kit.bootstrapServers();
    }

    /** The CA every client must trust (PKCS12). */
    Path trustStore() {
        return certificates.trustStore();
    }

    String trustStorePassword() {
        return certificates.password();
    }

    /** Everything a client needs to be let in as {@code user}: SASL_SSL, SCRAM-SHA-512, the CA. */
    Map<String, Object> clientSettings(String user, String password) {
        Map<String, Object> p = new HashMap<>();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
        p.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
        p.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(user, password));
        p.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, trustStore().toString());
        p.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");
        p.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, trustStorePassword());
        return p;
    }

    /**
     * Upserts the SCRAM-SHA-512 credentials straight into the active controller, salted here as the admin client
     * would salt them: the admin client cannot send this to a controller ({@code bootstrap.controllers} answers
     * {@code UnsupportedEndpointTypeException}), the broker's only listener needs a user first, and the kit's
     * format() refuses SCRAM records in the bootstrap metadata.
     */
    private void createUsers(Map<String, String> passwords) throws Exception {
        ScramFormatter formatter = new ScramFormatter(org.apache.kafka.common.security.scram.internals.ScramMechanism.SCRAM_SHA_512);
        AlterUserScramCredentialsRequestData request = new AlterUserScramCredentialsRequestData();
        for (Map.Entry<String, String> user : passwords.entrySet()) {
            byte[] salt = formatter.secureRandomBytes();
            request.upsertions().add(new ScramCredentialUpsertion()
                    .setName(user.getKey())
                    .setMechanism(ScramMechanism.SCRAM_SHA_512.type())
                    .setIterations(SCRAM_ITERATIONS)
                    .setSalt(salt)
                    .setSaltedPassword(formatter.saltedPassword(user.getValue(), salt, SCRAM_ITERATIONS)));
        }
        Controller controller = kit.waitForActiveController();
        AlterUserScramCredentialsResponseData response = controller.alterUserScramCredentials(
                new ControllerRequestContext(new RequestHeaderData(), KafkaPrincipal.ANONYMOUS, OptionalLong.empty()),
                request).get(30, TimeUnit.SECONDS);
        for (AlterUserScramCredentialsResponseData.AlterUserScramCredentialsResult result : response.results()) {
            if (result.errorCode() != 0) {
                throw new IllegalStateException("SCRAM user " + result.user() + " not created: " + result.errorMessage());
            }
        }
    }

    /** Waits until the broker has the credentials (they reach it through the metadata log). */
    private void awaitLetIn(String user, String password) {
        Map<String, Object> settings = clientSettings(user, password);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        Awaitility.await("SCRAM user " + user + " let in").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
                    try (Admin admin = Admin.create(settings)) {
                        return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
                    }
                });
    }

    /** Stops the cluster; safe to call more than once (the kit's own close is not). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            kit.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the SCRAM/TLS Kafka test cluster", e);
        }
    }
}
