package dev.firelane.deploy.dev;

import dev.firelane.worker.handlers.http.AllowList;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of {@code firelane dev}. Build with {@link #builder()}; validated when built.
 *
 * @param dataDir     where Kafka, the database and stream state are kept ({@code --data-dir})
 * @param bindAddress where the API listens ({@code --bind})
 * @param port        the API's port, 0 for a free one ({@code --port})
 * @param workers     workers to run ({@code --workers})
 * @param auth        false to run the API without authentication ({@code --no-auth})
 * @param httpAllow   which destinations the {@code http} handler may call ({@code --http-allow})
 */
public record DevConfig(Path dataDir, String bindAddress, int port, int workers, boolean auth, AllowList httpAllow) {
    public static final Path DEFAULT_DATA_DIR = Path.of(".firelane");
    /** Dev mode answers this machine only unless told otherwise. */
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_WORKERS = 2;
    /** Public destinations and this machine: a webhook receiver started next to {@code firelane dev} is callable. */
    public static final String DEFAULT_HTTP_ALLOW = AllowList.PUBLIC + "," + AllowList.LOOPBACK;
    /** What a refused http call tells a dev-mode user to do. */
    static final String HTTP_ALLOW_REMEDY = "start firelane dev with --http-allow RULES (or FIRELANE_WORKER_HTTP_ALLOW)";

    public DevConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(httpAllow, "httpAllow");
        dataDir = dataDir.toAbsolutePath().normalize();
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be 0..65535; got " + port);
        }
        if (workers < 0) {
            throw new IllegalArgumentException("--workers must be 0 or more; got " + workers);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link DevConfig} from the {@code DEFAULT_*} values, with authentication on. */
    public static final class Builder {
        private Path dataDir = DEFAULT_DATA_DIR;
        private String bindAddress = DEFAULT_BIND_ADDRESS;
        private int port = DEFAULT_PORT;
        private int workers = DEFAULT_WORKERS;
        private boolean auth = true;
        private String httpAllow = DEFAULT_HTTP_ALLOW;

        private Builder() {
        }

        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder bindAddress(String bindAddress) {
            this.bindAddress = bindAddress;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder workers(int workers) {
            this.workers = workers;
            return this;
        }

        public Builder auth(boolean auth) {
            this.auth = auth;
            return this;
        }

        /** A comma list of rules, see {@link AllowList}. */
        public Builder httpAllow(String rules) {
            this.httpAllow = rules;
            return this;
        }

        /** @throws IllegalArgumentException naming the setting that is wrong */
        public DevConfig build() {
            AllowList allow;
            try {
                allow = AllowList.parse(Objects.requireNonNull(httpAllow, "httpAllow")).withRemedy(HTTP_ALLOW_REMEDY);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--http-allow: " + e.getMessage(), e);
            }
            return new DevConfig(dataDir, bindAddress, port, workers, auth, allow);
        }
    }
}
