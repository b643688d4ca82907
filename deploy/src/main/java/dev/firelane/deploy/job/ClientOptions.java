package dev.firelane.deploy.job;

import java.net.URI;
import picocli.CommandLine.Option;

/** Options every {@code job} command takes. */
public final class ClientOptions {
    @Option(names = "--server", paramLabel = "URL", defaultValue = "${env:FIRELANE_SERVER:-" + JobClient.DEFAULT_SERVER + "}",
            description = "Firelane REST API (env FIRELANE_SERVER; default: " + JobClient.DEFAULT_SERVER + ")")
    String server;

    @Option(names = "--json", description = "print JSON instead of a table")
    boolean json;

    @Option(names = "--user", paramLabel = "NAME", defaultValue = "${env:FIRELANE_USER:-${sys:user.name}}",
            description = "who is asking, recorded in the audit (env FIRELANE_USER; default: your login name)")
    String user;

    JobClient client() {
        return new JobClient(URI.create(server), user, JobClient.DEFAULT_TIMEOUT);
    }
}
