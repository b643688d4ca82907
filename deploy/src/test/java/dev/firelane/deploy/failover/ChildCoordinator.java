package dev.firelane.deploy.failover;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@link CoordinatorProcessMain} in a child JVM on this JVM's class path. */
final class ChildCoordinator implements AutoCloseable {
    private static final String MAX_HEAP = "-Xmx256m";
    private static final int LOG_TAIL_LINES = 40;

    private final Process process;
    private final Path log;

    private ChildCoordinator(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ChildCoordinator start(String bootstrapServers, Path stateDir, String clientId, Duration commitInterval, Path log) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), MAX_HEAP, "-XX:+UseSerialGC",
                "-Duser.timezone=UTC", "-cp", System.getProperty("java.class.path"),
                CoordinatorProcessMain.class.getName(), bootstrapServers, stateDir.toString(), clientId,
                commitInterval.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        try {
            return new ChildCoordinator(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the child coordinator", e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no close, no leave-group; an open transaction stays open. */
    void crash() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the child coordinator survived SIGKILL for 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The last lines the child logged. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            crash();
        }
    }
}
