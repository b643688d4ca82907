package dev.firelane.deploy.dev;

import dev.firelane.protocol.FirelaneException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka (combined broker and KRaft controller) running in this JVM on Kafka's own server
 * code, for dev mode and tests. Its log lives under one directory and survives restarts: the directory
 * is formatted once (Kafka's {@code StorageTool format}), and later starts reuse it. Listeners take free
 * loopback ports on every start; the controller quorum is static, so a changed port is harmless.
 */
public final class EmbeddedKafka implements AutoCloseable {
    public static final int NODE_ID = 1;
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final Path dataDir;
    private final Map<String, String> overrides;
    private KafkaRaftServer server;
    private String bootstrapServers;
    private boolean closed;

    /**
     * @param dataDir   the broker's home: {@code server.properties} and {@code logs/}
     * @param overrides broker properties applied over the one-node defaults
     */
    public EmbeddedKafka(Path dataDir, Map<String, String> overrides) {
        this.dataDir = dataDir.toAbsolutePath();
        this.overrides = Map.copyOf(overrides);
    }

    public EmbeddedKafka(Path dataDir) {
        this(dataDir, Map.of());
    }

    /** Formats the log directory if needed, starts the node and waits until it serves clients. */
    public synchronized EmbeddedKafka start() {
        if (server != null || closed) {
            throw new IllegalStateException("an embedded Kafka starts once");
        }
        try {
            Files.createDirectories(dataDir);
            int brokerPort = freePort();
            int controllerPort = freePort();
            Properties props = brokerProperties(brokerPort, controllerPort);
            Path file = dataDir.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(file)) {
                props.store(out, "written by firelane on every start; ports change between starts");
            }
            format(file);
            server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            bootstrapServers = "127.0.0.1:" + brokerPort;
            awaitReady(DEFAULT_START_TIMEOUT);
            log.info("embedded Kafka up at {} (data in {})", bootstrapServers, dataDir);
            return this;
        } catch (IOException e) {
            close();
            throw new FirelaneException("cannot start the embedded Kafka in " + dataDir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** {@code host:port} of the broker listener. */
    public String bootstrapServers() {
        if (bootstrapServers == null) {
            throw new IllegalStateException("the embedded Kafka is not started");
        }
        return bootstrapServers;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Shuts the node down and waits for it; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            log.info("embedded Kafka stopped");
        }
    }

    Properties brokerProperties(int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dataDir.resolve("logs").toString());
        // one node: internal topics cannot have more replicas (else Streams hangs on INVALID_REPLICATION_FACTOR)
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "6");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "6");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("auto.create.topics.enable", "false");
        // a restarted node's controller gives the registration it remembers (of the process that died or stopped)
        // a fresh session and refuses the new one until it expires: Kafka's 9 s added 9 s to every restart. The
        // broker heartbeats its own controller in this JVM every 500 ms, so 4 s leaves 8 beats of slack on a busy
        // machine
        p.put("broker.session.timeout.ms", "4000");
        p.put("broker.heartbeat.interval.ms", "500");
        // a transaction left open by a process killed mid-commit blocks read_committed readers until aborted
        p.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
        overrides.forEach(p::put);
        return p;
    }

    private void format(Path propertiesFile) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int rc;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(new String[] {"format", "--ignore-formatted", "--cluster-id", clusterId(),
                    "--config", propertiesFile.toString()}, out);
        }
        String text = output.toString(StandardCharsets.UTF_8).strip();
        if (rc != 0) {
            throw new FirelaneException("cannot format the Kafka log directory (exit " + rc + "): " + text);
        }
        log.debug("kafka storage format: {}", text);
    }

    /** The id the log directory was formatted with, or a new one for a fresh directory. */
    private String clusterId() {
        Path meta = dataDir.resolve("logs").resolve("meta.properties");
        if (Files.exists(meta)) {
            Properties props = new Properties();
            try (var in = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
                props.load(in);
            } catch (IOException e) {
                throw new FirelaneException("cannot read " + meta + ": " + e.getMessage(), e);
            }
            String id = props.getProperty("cluster.id");
            if (id != null && !id.isBlank()) {
                return id.trim();
            }
        }
        return Uuid.randomUuid().toString();
    }

    private void awaitReady(Duration timeout) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (Admin admin = Admin.create(props)) {
            // a broker that lists its topics has joined the quorum and fenced nothing
            admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FirelaneException("interrupted while waiting for the embedded Kafka", e);
        } catch (Exception e) {
            throw new FirelaneException("the embedded Kafka did not become ready within " + timeout + ": " + e, e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
