package dev.firelane.deploy.server;

import dev.firelane.coordinator.CoordinatorRuntime;
import dev.firelane.deploy.UntilShutdown;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code firelane coordinator --config FILE}: the coordinator process (streams and REST API). */
@Command(name = "coordinator", mixinStandardHelpOptions = true,
        description = {"Runs a coordinator (fire topology, status stream, REST API).",
                "Connects to the Kafka cluster and database named in the config file."})
public final class CoordinatorCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE",
            description = {"properties file (see deploy/config/firelane.properties.example); FIRELANE_* environment",
                    "variables override its keys (db.password is FIRELANE_DB_PASSWORD, a file's content with",
                    "FIRELANE_DB_PASSWORD_FILE) and may stand in for it"})
    private Path config;

    @Override
    public Integer call() {
        CoordinatorRuntime runtime = new CoordinatorRuntime(FirelaneProperties.ofProcess(config).coordinatorConfig(),
                Clock.systemUTC()).start();
        UntilShutdown.await(runtime, "coordinator");
        return 0;
    }
}
