package dev.firelane.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firelane.bench.fleet.Api;
import dev.firelane.bench.fleet.Child;
import dev.firelane.deploy.FirelaneCli;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Prints how fast {@code firelane dev} recovers from {@code kill -9}: one job firing every second, then, for each
 * round, a SIGKILL of the whole process and a restart on the same data directory, timed from the restart command to
 * {@code /health} answering 200 and to the first run of the job that started after it. The target is a first
 * run within 20 s (a fresh {@code firelane dev} is healthy in about 7 s).
 *
 * <pre>java -cp bench/target/bench.jar dev.firelane.bench.RestartRecoveryProbe [ROUNDS [DATA_DIR]]</pre>
 */
public final class RestartRecoveryProbe {
    private static final Duration LIMIT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    private RestartRecoveryProbe() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("firelane-restart-probe");
        int port = freePort();
        Api api = new Api("http://127.0.0.1:" + port, null);
        Child dev = start(dir, port, 0);
        try {
            awaitUntil(() -> api.get("/health").status() == 200 ? Optional.of(true) : Optional.empty(), "first start");
            Api.Answer created = api.post("/api/jobs",
                    "{\"id\":\"tick\",\"scheduleKind\":\"every\",\"schedule\":\"1s\",\"handler\":\"noop\"}");
            if (!created.ok()) {
                throw new IllegalStateException("create failed: " + created);
            }
            awaitUntil(() -> firstRunAfter(api, Instant.EPOCH), "the job's first run");
            System.out.printf("firelane dev in %s, one job every 1s; kill -9 and restart, %d rounds%n", dir, rounds);
            for (int round = 1; round <= rounds; round++) {
                Thread.sleep(3_000); // a few runs in between, as in use
                dev.kill();
                long t0 = System.nanoTime();
                Instant restartedAt = Instant.now();
                dev = start(dir, port, round);
                awaitUntil(() -> api.get("/health").status() == 200 ? Optional.of(true) : Optional.empty(), "health");
                double healthy = seconds(t0);
                Instant firstRun = awaitUntil(() -> firstRunAfter(api, restartedAt), "a run after the restart");
                System.out.printf("round %d: /health 200 after %.1f s; first run started %.1f s after the restart command%n",
                        round, healthy, Duration.between(restartedAt, firstRun).toMillis() / 1000.0);
            }
        } finally {
            dev.close();
        }
    }

    private static Child start(Path dir, int port, int round) {
        return Child.java("dev-" + round, dir.resolve("logs"), List.of("-Xmx1g"), FirelaneCli.class.getName(),
                List.of("dev", "--no-auth", "--port", Integer.toString(port), "--data-dir", dir.resolve("data").toString()),
                List.of());
    }

    /** The start of the job's first run that started after {@code after}, if there is one yet. */
    private static Optional<Instant> firstRunAfter(Api api, Instant after) {
        Api.Answer answer = api.get("/api/jobs/tick/runs?limit=20");
        if (!answer.ok()) {
            return Optional.empty();
        }
        try {
            JsonNode body = JSON.readTree(answer.body());
            JsonNode runs = body.isArray() ? body : body.path("runs");
            Instant first = null;
            for (JsonNode run : runs) {
                if (run.hasNonNull("startedAt")) {
                    Instant started = Instant.parse(run.get("startedAt").asText());
                    if (started.isAfter(after) && (first == null || started.isBefore(first))) {
                        first = started;
                    }
                }
            }
            return Optional.ofNullable(first);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static <T> T awaitUntil(Supplier<Optional<T>> probe, String what) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> value;
            try {
                value = probe.get();
            } catch (RuntimeException e) {
                value = Optional.empty(); // not listening yet
            }
            if (value.isPresent()) {
                return value.get();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(what + " did not happen within " + LIMIT);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
