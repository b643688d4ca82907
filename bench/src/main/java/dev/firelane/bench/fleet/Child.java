package dev.firelane.bench.fleet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child JVM of a benchmark: its output goes to a log file; a line starting with a given prefix can be
 * awaited (a readiness line, a result line). Stopped with SIGTERM (a graceful stop), then killed.
 */
public final class Child implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;
    private final Map<String, CompletableFuture<String>> awaited = new LinkedHashMap<>();
    private final Predicate<String> echo;

    private Child(String name, Process process, Path log, List<String> awaitedPrefixes, Predicate<String> echo) {
        this.name = name;
        this.echo = echo;
        this.process = process;
        this.log = log;
        awaitedPrefixes.forEach(prefix -> awaited.put(prefix, new CompletableFuture<>()));
    }

    /**
     * Starts {@code java JVM_OPTIONS -cp <this JVM's class path> MAIN ARGS}.
     *
     * @param awaitedPrefixes the prefixes of lines to hand to {@link #awaitLine}
     */
    public static Child java(String name, Path logDir, List<String> jvmOptions, String mainClass, List<String> args,
                             List<String> awaitedPrefixes) {
        return java(name, logDir, jvmOptions, mainClass, args, awaitedPrefixes, line -> false);
    }

    /** As {@link #java(String, Path, List, String, List, List)}, also copying the lines {@code echo} accepts to stderr. */
    public static Child java(String name, Path logDir, List<String> jvmOptions, String mainClass, List<String> args,
                             List<String> awaitedPrefixes, Predicate<String> echo) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(name + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            Child child = new Child(name, process, log, awaitedPrefixes, echo);
            Thread pump = new Thread(child::pump, name + "-output");
            pump.setDaemon(true);
            pump.start();
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The first output line starting with {@code prefix} (the rest of the line); fails at the timeout or exit. */
    public String awaitLine(String prefix, long timeout, TimeUnit unit) {
        CompletableFuture<String> line = awaited.get(prefix);
        if (line == null) {
            throw new IllegalArgumentException(name + " was not started to watch for '" + prefix + "'");
        }
        try {
            return line.get(timeout, unit);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(name + " printed no '" + prefix + "' line within "
                    + unit.toSeconds(timeout) + " s; see " + log);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(name + ": " + e.getCause().getMessage() + "; see " + log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Waits for the process to end by itself and returns its exit code. */
    public int awaitExit(long timeout, TimeUnit unit) {
        try {
            if (!process.waitFor(timeout, unit)) {
                throw new IllegalStateException(name + " did not finish within " + unit.toSeconds(timeout) + " s; see " + log);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public double cpuSeconds() {
        return ProcStats.cpuSeconds(pid());
    }

    public long peakRssBytes() {
        return ProcStats.peakRssBytes(pid());
    }

    public long rssBytes() {
        return ProcStats.rssBytes(pid());
    }

    /** SIGKILL, as {@code kill -9}: no shutdown hook runs, nothing is closed or left cleanly. */
    public void kill() {
        try {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM, up to 30 s for a graceful stop, then SIGKILL. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        try {
            process.getOutputStream().close();
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(line);
                if (echo.test(line)) {
                    System.err.println(line);
                }
                for (Map.Entry<String, CompletableFuture<String>> watched : awaited.entrySet()) {
                    if (line.startsWith(watched.getKey())) {
                        watched.getValue().complete(line.substring(watched.getKey().length()).trim());
                    }
                }
            }
        } catch (IOException e) {
            awaited.values().forEach(f -> f.completeExceptionally(e));
        } finally {
            awaited.forEach((prefix, f) -> f.completeExceptionally(
                    new IllegalStateException("exited before printing '" + prefix + "'")));
        }
    }
}
