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

    @Option(names = "--port", defaultValue = "" + DevConfig.DEFAULT_PORT, paramLabel = "PORT",
            description = "REST API port (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    private int port;

    @Option(names = "--bind", defaultValue = DevConfig.DEFAULT_BIND_ADDRESS, paramLabel = "ADDRESS",
            description = {"address the REST API listens on (default: ${DEFAULT-VALUE}, this machine only;",
                    "0.0.0.0 in a container, so that a published port reaches it)"})
    private String bindAddress;

    @Option(names = "--data-dir", defaultValue = ".firelane", paramLabel = "DIR",
            description = "where Kafka, the database and stream state are kept (default: ${DEFAULT-VALUE})")
    private Path dataDir;

    @Option(names = "--workers", defaultValue = "" + DevConfig.DEFAULT_WORKERS, paramLabel = "N",
            description = "workers to run (default: ${DEFAULT-VALUE})")
    private int workers;

    @Option(names = "--http-allow", defaultValue = "${env:FIRELANE_WORKER_HTTP_ALLOW:-" + DevConfig.DEFAULT_HTTP_ALLOW + "}",
            paramLabel = "RULES",
            description = "destinations http jobs may call, comma-separated: public, loopback, a CIDR, a host, *.domain,"
                    + " a URL prefix or * (default: ${DEFAULT-VALUE}; FIRELANE_WORKER_HTTP_ALLOW when set)")
    private String httpAllow;

    @Option(names = "--no-auth", description = {"run the REST API without authentication (no token needed;",
            "anyone who can reach the port may change jobs)"})
    private boolean noAuth;

    @Override
    public Integer call() {
        DevConfig config;
        try {
            config = DevConfig.builder().dataDir(dataDir).bindAddress(bindAddress).port(port).workers(workers)
                    .auth(!noAuth).httpAllow(httpAllow).build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        DevMode dev = new DevMode(config, Clock.systemUTC()).start();
        spec.commandLine().getOut().println(dev.banner());
        spec.commandLine().getOut().flush();
        UntilShutdown.await(dev, "firelane dev");
        return 0;
    }
}
