package dev.firelane.deploy.server;

import dev.firelane.deploy.UntilShutdown;
import dev.firelane.worker.HandlerRegistry;
import dev.firelane.worker.Worker;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code firelane worker --config FILE}: one worker with the handlers found on the class path. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Runs a worker that executes fired jobs.",
                "Uses the job handlers on the class path: the built-ins plus any JobHandler registered",
                "for ServiceLoader."})
public final class WorkerCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "properties file (see deploy/config/firelane.properties.example)")
    private Path config;

    @Override
    public Integer call() {
        Worker worker = new Worker(FirelaneProperties.load(config).workerConfig(), HandlerRegistry.load(),
                Clock.systemUTC());
        worker.start();
        UntilShutdown.await(worker, "worker " + worker.workerId());
        return 0;
    }
}
