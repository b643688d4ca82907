package dev.firelane.deploy.job;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every {@code job} command takes. */
public final class ClientOptions {
    /** Where {@code firelane dev} writes its operator token (under its default data dir). */
    public static final String DEFAULT_TOKEN_FILE = ".firelane/operator.token";

    @Option(names = "--server", paramLabel = "URL", defaultValue = "${env:FIRELANE_SERVER:-" + JobClient.DEFAULT_SERVER + "}",
            description = "Firelane REST API (env FIRELANE_SERVER; default: " + JobClient.DEFAULT_SERVER + ")")
    String server;

    @Option(names = "--json", description = "print JSON instead of a table")
    boolean json;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:FIRELANE_TOKEN}",
            description = {"API bearer token (env FIRELANE_TOKEN; prefer the variable: arguments are visible to"
                    + " other users of the machine). Without one, --token-file is read if it exists."})
    String token;

    @Option(names = "--token-file", paramLabel = "FILE",
            defaultValue = "${env:FIRELANE_TOKEN_FILE:-" + DEFAULT_TOKEN_FILE + "}",
            description = "file holding the token (env FIRELANE_TOKEN_FILE; default: ${DEFAULT-VALUE}, the one"
                    + " 'firelane dev' writes)")
    Path tokenFile;

    @Option(names = "--user", paramLabel = "NAME", defaultValue = "${env:FIRELANE_USER:-${sys:user.name}}",
            description = {"who is asking, recorded in the audit (env FIRELANE_USER; default: your login name)",
                    "Only used by a server without authentication; with tokens the token's name is recorded."})
    String user;

    JobClient client() {
        return new JobClient(URI.create(server), user, token(), JobClient.DEFAULT_TIMEOUT);
    }

    /** --token, else the first line of --token-file if that file exists, else none. */
    String token() {
        if (token != null && !token.isBlank()) {
            return token.trim();
        }
        if (tokenFile == null || !Files.isRegularFile(tokenFile)) {
            return null;
        }
        try {
            String text = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? null : text.lines().findFirst().orElse(null);
        } catch (IOException e) {
            throw new ServerUnreachableException("cannot read the token file " + tokenFile + ": " + e.getMessage(), e);
        }
    }
}
