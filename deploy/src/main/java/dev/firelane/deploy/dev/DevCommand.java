package dev.firelane.deploy.dev;

import dev.firelane.deploy.UntilShutdown;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code firelane dev}: Kafka, database, coordinator and workers in this process. */
@Command(name = "dev", mixinStandardHelpOptions = true,
        description = {"Runs everything in one process, for development.",
                "An embedded Kafka broker, an embedded H2 database, the coordinator with its REST API",
                "and workers; data is kept under --data-dir, so a restart keeps the jobs.",
                "Prints a new operator token at every start and writes it to <data-dir>/operator.token."})
public final class DevCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--port", defaultValue = "" + DevMode.DEFAULT_PORT, paramLabel = "PORT",
            description = "REST API port (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    private int port;

    @Option(names = "--bind", defaultValue = DevMode.DEFAULT_BIND_ADDRESS, paramLabel = "ADDRESS",
            description = {"address the REST API listens on (default: ${DEFAULT-VALUE}, this machine only;",
                    "0.0.0.0 in a container, so that a published port reaches it)"})
    private String bindAddress;

    @Option(names = "--data-dir", defaultValue = ".firelane", paramLabel = "DIR",
            description = "where Kafka, the database and stream state are kept (default: ${DEFAULT-VALUE})")
    private Path dataDir;

    @Option(names = "--workers", defaultValue = "" + DevMode.DEFAULT_WORKERS, paramLabel = "N",
            description = "workers to run (default: ${DEFAULT-VALUE})")
    private int workers;

    @Option(names = "--no-auth", description = {"run the REST API without authentication (no token needed;",
            "anyone who can reach the port may change jobs)"})
    private boolean noAuth;

    @Override
    public Integer call() {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be 0..65535; got " + port);
        }
        if (workers < 0) {
            throw new ParameterException(spec.commandLine(), "--workers must be 0 or more; got " + workers);
        }
        DevMode dev = new DevMode(dataDir, bindAddress, port, workers, Clock.systemUTC(), !noAuth).start();
        spec.commandLine().getOut().println(dev.banner());
        spec.commandLine().getOut().flush();
        UntilShutdown.await(dev, "firelane dev");
        return 0;
    }
}
