package dev.firelane.deploy.chaos;

import dev.firelane.deploy.e2e.ApiClient;
import dev.firelane.deploy.testing.ChildJvm;
import dev.firelane.deploy.testing.WatchedCli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.awaitility.Awaitility;

/**
 * The Firelane processes of the chaos suite, each the real {@code firelane coordinator} or {@code firelane worker}
 * command with its own properties file, in a child JVM of its own, so that it can be killed with SIGKILL or frozen
 * with SIGSTOP. A restarted process gets the same file: the coordinator its state directory, instance id and API
 * port; a worker its id.
 */
final class Fleet implements AutoCloseable {
    private final Path dir;
    private final Map<String, String> common;
    private final String databaseUrl;
    private final int apiPort;
    private final Map<String, ChildJvm> children = new TreeMap<>();
    private final Map<String, Integer> starts = new TreeMap<>();

    /**
     * @param common      keys both kinds of process read (Kafka, topic prefix)
     * @param databaseUrl the coordinator's {@code db.url} (through the test's TCP proxy)
     */
    Fleet(Path dir, Map<String, String> common, String databaseUrl) {
        this.dir = dir;
        this.common = Map.copyOf(common);
        this.databaseUrl = databaseUrl;
        this.apiPort = freePort();
    }

    ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + apiPort);
    }

    /** Starts (or starts again) the coordinator and waits until {@code /health} says it is up, firing included. */
    void startCoordinator(Duration within) {
        Map<String, String> keys = new TreeMap<>(common);
        keys.put("db.url", databaseUrl);
        keys.put("db.user", "root");
        keys.put("db.password", "");
        keys.put("api.bind", "127.0.0.1");
        keys.put("api.port", Integer.toString(apiPort));
        keys.put("api.auth", "off");
        keys.put("api.handlers", "noop,sleep");
        keys.put("state.dir", dir.resolve("coordinator-state").toAbsolutePath().toString());
        keys.put("coordinator.instance.id", "chaos-coordinator");
        // Kafka Streams sums up its stream thread's pace this often (records, punctuations, polls, commits), at INFO
        // (logback-test.xml): the report quotes it, so that a coordinator behind its input shows why
        keys.put("kafka.log.summary.interval.ms", "5000");
        start("coordinator", List.of("-Xmx768m"), keys);
        awaitHealthy(within);
    }

    void startWorker(String id) {
        Map<String, String> keys = new TreeMap<>(common);
        keys.put("worker.id", id);
        keys.put("worker.concurrency", "64");
        start(id, List.of("-Xmx256m"), keys);
    }

    /** SIGKILL: no shutdown hook, no leave-group, no commit. */
    void kill(String name) {
        children.get(name).kill();
    }

    void freeze(String name) {
        children.get(name).freeze();
    }

    void thaw(String name) {
        children.get(name).thaw();
    }

    boolean isAlive(String name) {
        ChildJvm child = children.get(name);
        return child != null && child.isAlive();
    }

    /** Names of processes that died without being killed by the test, with their log tails. */
    List<String> deadUnexpectedly() {
        List<String> dead = new ArrayList<>();
        children.forEach((name, child) -> {
            if (!child.isAlive()) {
                dead.add(name + ":\n" + child.logTail());
            }
        });
        return dead;
    }

    String logTail(String name) {
        return children.get(name).logTail();
    }

    void awaitHealthy(Duration within) {
        ApiClient api = api();
        Awaitility.await("the coordinator healthy").atMost(within).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions().until(() -> {
                    if (!isAlive("coordinator")) {
                        throw new AssertionError("the coordinator died:\n" + logTail("coordinator"));
                    }
                    return api.get("/health").status() == 200;
                });
    }

    private void start(String name, List<String> jvmOptions, Map<String, String> keys) {
        ChildJvm running = children.get(name);
        if (running != null && running.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        int start = starts.merge(name, 1, Integer::sum);
        Path config = dir.resolve(name + ".properties");
        StringBuilder text = new StringBuilder();
        keys.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        try {
            Files.writeString(config, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String command = name.equals("coordinator") ? "coordinator" : "worker";
        children.put(name, ChildJvm.start(dir.resolve(name + "-" + start + ".log"), jvmOptions, WatchedCli.class,
                command, "--config", config.toString()));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        children.values().forEach(child -> {
            if (child.isAlive()) {
                child.thaw(); // a frozen JVM cannot run its shutdown
                child.kill();
            }
        });
    }
}
