package dev.firelane.deploy.replay;

import dev.firelane.coordinator.replay.ReplaySettings;
import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.deploy.server.FirelaneProperties;
import dev.firelane.deploy.server.ReplayEndpoints;
import dev.firelane.protocol.InvalidFieldException;
import dev.firelane.protocol.Schedules;
import dev.firelane.protocol.Topics;
import dev.firelane.worker.WorkerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Where every {@code replay} command reads from: a {@code --config} file, or the endpoints given here (they win). */
public final class ReplayOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "the coordinator's properties file (firelane dev writes one to <data-dir>/firelane.properties)")
    Path config;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers (instead of the config's)")
    String bootstrap;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", description = "topic name prefix (default: the config's, or firelane.)")
    String topicPrefix;

    @Option(names = "--jdbc", paramLabel = "URL", description = "the live job database (instead of the config's db.url)")
    String jdbc;

    @Option(names = "--db-user", paramLabel = "USER", description = "user of --jdbc (default: the config's db.user)")
    String dbUser;

    @Option(names = "--db-password", paramLabel = "PASSWORD", description = "password of --jdbc (default: the config's db.password)")
    String dbPassword;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "how long to wait for Kafka to answer (default: ${DEFAULT-VALUE})")
    String timeout;

    private ReplayEndpoints endpoints;

    /** Kafka and the topic prefix; a usage error if neither --bootstrap nor a config names Kafka. */
    ReplaySettings settings(CommandSpec spec) {
        ReplayEndpoints file = endpoints();
        String servers = bootstrap != null ? bootstrap : file == null ? null : file.bootstrapServers();
        if (servers == null || servers.isBlank()) {
            throw new ParameterException(spec.commandLine(), "give --bootstrap HOST:PORT or --config FILE with kafka.bootstrap.servers");
        }
        String prefix = topicPrefix != null ? topicPrefix : file == null ? Topics.DEFAULT_PREFIX : file.topicPrefix();
        Properties client = file == null ? new Properties() : file.clientProperties();
        return new ReplaySettings(servers.trim(), prefix, client, timeout(spec));
    }

    /** The live database, or null if neither --jdbc nor the config names one. */
    DatabaseConfig live(CommandSpec spec) {
        ReplayEndpoints file = endpoints();
        DatabaseConfig configured = file == null ? null : file.database();
        if (jdbc == null && configured == null) {
            return null;
        }
        String url = jdbc != null ? jdbc : configured.jdbcUrl();
        String user = dbUser != null ? dbUser : configured == null ? "" : configured.user();
        String password = dbPassword != null ? dbPassword : configured == null ? "" : configured.password();
        return database(spec, "--jdbc", url, user, password);
    }

    /** A database named on the command line; a usage error if the URL is not one Firelane can use. */
    static DatabaseConfig database(CommandSpec spec, String option, String url, String user, String password) {
        try {
            return DatabaseConfig.of(url.trim(), user, password);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }

    /** The workers' consumer group: {@code --worker-group}, else the config's {@code worker.group}, else its default. */
    String workerGroup(String option) {
        if (option != null) {
            return option.trim();
        }
        ReplayEndpoints file = endpoints();
        return file == null ? WorkerConfig.DEFAULT_GROUP_ID : file.workerGroup();
    }

    /** The user and password of another database: H2's defaults for an H2 URL, else those of {@code live}. */
    static DatabaseConfig alongside(CommandSpec spec, String option, String url, String user, String password,
                                    DatabaseConfig live) {
        boolean h2 = url.trim().startsWith("jdbc:h2:");
        String u = user != null ? user : h2 ? "sa" : live == null ? "" : live.user();
        String p = password != null ? password : h2 || live == null ? "" : live.password();
        return database(spec, option, url, u, p);
    }

    private ReplayEndpoints endpoints() {
        if (endpoints == null && (config != null || FirelaneProperties.configuredIn(System.getenv()))) {
            endpoints = FirelaneProperties.load(config).replayEndpoints();
        }
        return endpoints;
    }

    private Duration timeout(CommandSpec spec) {
        try {
            return Schedules.parseEvery(timeout.trim());
        } catch (InvalidFieldException e) {
            throw new ParameterException(spec.commandLine(), "--timeout " + e.reason());
        }
    }
}
