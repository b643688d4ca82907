package dev.firelane.deploy.containers;

import dev.firelane.deploy.e2e.ApiClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Firelane as it is deployed: a Kafka broker ({@link KafkaContainer}), a MySQL server, a coordinator and workers,
 * each in its own container on one network, the last two from the Firelane image and configured the way an
 * operator does it — {@code FIRELANE_*} variables, the database password and the API token from mounted files.
 */
final class ContainerFleet implements AutoCloseable {
    static final int PARTITIONS = 6;
    static final String TOKEN = "container-tier-secret-0123456789";
    private static final String KAFKA_ALIAS = "kafka";
    private static final String MYSQL_ALIAS = "mysql";
    private static final String DB_PASSWORD = "fleet-db-password";
    private static final String SECRETS = "/run/secrets/";

    private final Network network = Network.newNetwork();
    private final KafkaContainer kafka;
    private final GenericContainer<?> mysql;
    private final GenericContainer<?> coordinator;
    private final List<GenericContainer<?>> workers = new ArrayList<>();

    private ContainerFleet() {
        ContainerImages.build();
        kafka = new KafkaContainer(DockerImageName.parse(ContainerImages.kafka()).asCompatibleSubstituteFor("apache/kafka"))
                .withNetwork(network).withNetworkAliases(KAFKA_ALIAS).withListener(KAFKA_ALIAS + ":19092");
        mysql = new GenericContainer<>(DockerImageName.parse(ContainerImages.mysql()))
                .withNetwork(network).withNetworkAliases(MYSQL_ALIAS)
                .withEnv(Map.of("MYSQL_ROOT_PASSWORD", DB_PASSWORD, "MYSQL_DATABASE", "firelane"))
                // MySQL and MariaDB both print the port they serve on once they do (0 while initialising)
                .waitingFor(Wait.forLogMessage(".*port: 3306.*", 1).withStartupTimeout(Duration.ofMinutes(2)));
        coordinator = firelane("coordinator")
                .withEnv("FIRELANE_PARTITIONS", Integer.toString(PARTITIONS))
                .withEnv("FIRELANE_DB_URL", "jdbc:mysql://" + MYSQL_ALIAS + ":3306/firelane?useSSL=false&allowPublicKeyRetrieval=true")
                .withEnv("FIRELANE_DB_USER", "root")
                .withEnv("FIRELANE_DB_PASSWORD_FILE", SECRETS + "db-password")
                .withCopyToContainer(Transferable.of(DB_PASSWORD), SECRETS + "db-password")
                .withEnv("FIRELANE_API_TOKENS_FILE", SECRETS + "api-tokens")
                .withCopyToContainer(Transferable.of("ci:operator:" + TOKEN + "\n"), SECRETS + "api-tokens")
                .withExposedPorts(8080)
                .waitingFor(Wait.forHttp("/health/ready").forPort(8080).withStartupTimeout(Duration.ofMinutes(3)));
    }

    /** Starts the broker, the database, the coordinator (ready: firing) and {@code workers} workers. */
    static ContainerFleet start(int workers) {
        ContainerFleet fleet = new ContainerFleet();
        try {
            fleet.kafka.start();
            fleet.mysql.start();
            fleet.coordinator.start();
            for (int i = 0; i < workers; i++) {
                fleet.addWorker();
            }
            return fleet;
        } catch (RuntimeException e) {
            fleet.close();
            throw e;
        }
    }

    /** One more worker container, running once its {@code /health} answers; its worker id is its name. */
    GenericContainer<?> addWorker() {
        String id = "worker-" + (workers.size() + 1);
        GenericContainer<?> worker = firelane("worker")
                .withEnv("FIRELANE_WORKER_ID", id)
                .withEnv("FIRELANE_WORKER_HTTP_ALLOW", "*")
                // the http handler's calls reach the test's JVM through the host's gateway
                .withExtraHost(HostEndpoint.HOST, "host-gateway")
                .withExposedPorts(9404)
                .waitingFor(Wait.forHttp("/health").forPort(9404).withStartupTimeout(Duration.ofMinutes(2)));
        workers.add(worker);
        worker.start();
        return worker;
    }

    static String workerId(GenericContainer<?> worker) {
        return worker.getEnvMap().get("FIRELANE_WORKER_ID");
    }

    List<GenericContainer<?>> workers() {
        return List.copyOf(workers);
    }

    /** SIGKILL: no shutdown hook, no commit, no leaving the group. */
    void kill(GenericContainer<?> worker) {
        DockerClientFactory.instance().client().killContainerCmd(worker.getContainerId()).withSignal("KILL").exec();
        workers.remove(worker);
    }

    ApiClient api() {
        return new ApiClient("http://" + coordinator.getHost() + ":" + coordinator.getMappedPort(8080), TOKEN);
    }

    /** The last lines of every container's log, for a failing assertion's message. */
    String logs() {
        StringBuilder out = new StringBuilder();
        List<GenericContainer<?>> all = new ArrayList<>(List.of(kafka, mysql, coordinator));
        all.addAll(workers);
        for (GenericContainer<?> c : all) {
            if (c.getContainerId() == null) {
                continue;
            }
            String log = c.getLogs();
            out.append("\n--- ").append(c.getNetworkAliases()).append(c.getEnvMap().getOrDefault("FIRELANE_WORKER_ID", ""))
                    .append(" ---\n").append(log, Math.max(0, log.length() - 4000), log.length());
        }
        return out.toString();
    }

    private GenericContainer<?> firelane(String command) {
        return new GenericContainer<>(DockerImageName.parse(ContainerImages.firelane()))
                .withNetwork(network)
                .withCommand(command)
                .withEnv("FIRELANE_KAFKA_BOOTSTRAP_SERVERS", KAFKA_ALIAS + ":19092")
                .withEnv("FIRELANE_JAVA_OPTS", "-Xmx384m");
    }

    @Override
    public void close() {
        List<GenericContainer<?>> all = new ArrayList<>(workers);
        all.addAll(List.of(coordinator, mysql, kafka));
        for (GenericContainer<?> c : all) {
            try {
                c.stop();
            } catch (RuntimeException e) {
                // stop the rest regardless
            }
        }
        network.close();
    }
}
