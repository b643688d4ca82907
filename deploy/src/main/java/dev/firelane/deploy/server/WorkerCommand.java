package dev.firelane.deploy.server;

import dev.firelane.deploy.UntilShutdown;
import dev.firelane.worker.HandlerRegistry;
import dev.firelane.worker.Worker;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code firelane worker --config FILE}: one worker with the handlers found on the class path and in the
 * handlers directory, if any (the {@code http} one configured from the file). SIGTERM or Ctrl-C drains it: no new fires, runs in flight
 * finish (up to {@code worker.drain.timeout}), their outcomes are published and committed, then it exits.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Runs a worker that executes fired jobs.",
                "Uses the job handlers on the class path (the built-ins and any JobHandler registered",
                "for ServiceLoader) and in the jars of --handlers-dir (worker.handlers.dir).",
                "SIGTERM drains the runs in flight before exiting."})
public final class WorkerCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE",
            description = {"properties file (see deploy/config/firelane.properties.example); FIRELANE_* environment",
                    "variables override its keys (db.password is FIRELANE_DB_PASSWORD, a file's content with",
                    "FIRELANE_DB_PASSWORD_FILE) and may stand in for it"})
    private Path config;

    @Option(names = "--http-allow", paramLabel = "RULES",
            description = "destinations http jobs may call, comma-separated: public, loopback, a CIDR, a host, *.domain,"
                    + " a URL prefix or * (overrides worker.http.allow; default: public)")
    private String httpAllow;

    @Option(names = "--handlers-dir", paramLabel = "DIR",
            description = "a directory of handler jars (and their dependencies) to load beside the built-ins"
                    + " (overrides worker.handlers.dir)")
    private Path handlersDir;

    @Override
    public Integer call() {
        FirelaneProperties fromConfig = FirelaneProperties.ofProcess(config);
        FirelaneProperties properties = httpAllow == null ? fromConfig
                : fromConfig.withOption("worker.http.allow", httpAllow, "--http-allow");
        if (handlersDir != null) {
            properties = properties.withOption("worker.handlers.dir", handlersDir.toString(), "--handlers-dir");
        }
        HandlerRegistry handlers = properties.workerHandlers();
        OptionalInt metricsPort = properties.workerMetricsPort();
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Worker worker = new Worker(properties.workerConfig(), handlers, Clock.systemUTC(), meters);
        worker.start();
        WorkerMetricsServer server = metricsPort.isPresent() ? WorkerMetricsServer.start(metricsPort.getAsInt(), worker, meters) : null;
        UntilShutdown.await(() -> {
            worker.close(); // drains first: /health says down only once the worker stopped
            if (server != null) {
                server.close();
            }
        }, "worker " + worker.workerId());
        return 0;
    }
}
