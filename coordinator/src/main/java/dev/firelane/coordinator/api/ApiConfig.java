package dev.firelane.coordinator.api;

import dev.firelane.coordinator.api.auth.ApiAuth;
import dev.firelane.protocol.JobSpecValidator;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Settings of the REST API. Build with {@link #builder()}; {@code build()} validates.
 *
 * @param bindAddress     interface to listen on ({@code 0.0.0.0} for all)
 * @param port            TCP port; 0 picks a free one
 * @param knownHandlers   handler names a job may use; empty accepts any well-formed name
 * @param maxPayloadBytes largest job payload, as JSON bytes
 * @param maxBodyBytes    largest request body read; more is refused with 413
 * @param commandTimeout  how long a state-changing call waits for the status stream to apply its command
 * @param pollInterval    how often it looks while waiting
 * @param threads         request threads (each waiting call holds one)
 * @param auth            who may call: bearer tokens, or open (the default of this builder; config files must
 *                        say so explicitly)
 * @param maxBulkItems    most jobs one {@code POST /api/jobs/bulk} may carry; more is refused with 413
 * @param maxBulkBodyBytes largest body of {@code POST /api/jobs/bulk} (it holds many jobs, so its own limit)
 */
public record ApiConfig(String bindAddress, int port, Set<String> knownHandlers, int maxPayloadBytes, int maxBodyBytes,
                        Duration commandTimeout, Duration pollInterval, int threads, ApiAuth auth, int maxBulkItems,
                        int maxBulkBodyBytes) {
    public static final String DEFAULT_BIND_ADDRESS = "0.0.0.0";
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = JobSpecValidator.DEFAULT_MAX_PAYLOAD_BYTES;
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(25);
    public static final int DEFAULT_THREADS = 16;
    public static final int DEFAULT_MAX_BULK_ITEMS = 10_000;
    public static final int DEFAULT_MAX_BULK_BODY_BYTES = 16 * 1024 * 1024;

    public ApiConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        knownHandlers = Set.copyOf(Objects.requireNonNull(knownHandlers, "knownHandlers"));
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(auth, "auth");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535; got " + port);
        }
        if (maxPayloadBytes < 2) {
            throw new IllegalArgumentException("maxPayloadBytes must be >= 2; got " + maxPayloadBytes);
        }
        if (maxBodyBytes <= maxPayloadBytes) {
            throw new IllegalArgumentException("maxBodyBytes (" + maxBodyBytes + ") must exceed maxPayloadBytes ("
                    + maxPayloadBytes + ") so oversized payloads get a 400 that names the payload");
        }
        if (commandTimeout.isNegative() || commandTimeout.isZero()) {
            throw new IllegalArgumentException("commandTimeout must be positive; got " + commandTimeout);
        }
        if (pollInterval.toMillis() < 1) {
            throw new IllegalArgumentException("pollInterval must be at least 1 ms; got " + pollInterval);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1; got " + threads);
        }
        if (maxBulkItems < 1) {
            throw new IllegalArgumentException("maxBulkItems must be >= 1; got " + maxBulkItems);
        }
        if (maxBulkBodyBytes < maxBodyBytes) {
            throw new IllegalArgumentException("maxBulkBodyBytes (" + maxBulkBodyBytes + ") must be at least"
                    + " maxBodyBytes (" + maxBodyBytes + ")");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        // spelled out so that nothing a token holds could ever reach a log line
        return "ApiConfig[bind=" + bindAddress + ":" + port + ", knownHandlers=" + new TreeSet<>(knownHandlers)
                + ", maxPayloadBytes=" + maxPayloadBytes + ", maxBodyBytes=" + maxBodyBytes + ", commandTimeout="
                + commandTimeout + ", pollInterval=" + pollInterval + ", threads=" + threads + ", auth=" + auth
                + ", maxBulkItems=" + maxBulkItems + ", maxBulkBodyBytes=" + maxBulkBodyBytes + "]";
    }

    /** Builder with the {@code DEFAULT_*} values. */
    public static final class Builder {
        private String bindAddress = DEFAULT_BIND_ADDRESS;
        private int port = DEFAULT_PORT;
        private Set<String> knownHandlers = Set.of();
        private int maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private int threads = DEFAULT_THREADS;
        private ApiAuth auth = ApiAuth.open();
        private int maxBulkItems = DEFAULT_MAX_BULK_ITEMS;
        private int maxBulkBodyBytes = DEFAULT_MAX_BULK_BODY_BYTES;

        private Builder() {
        }

        public Builder bindAddress(String bindAddress) {
            this.bindAddress = bindAddress;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder knownHandlers(Set<String> knownHandlers) {
            this.knownHandlers = knownHandlers;
            return this;
        }

        public Builder maxPayloadBytes(int maxPayloadBytes) {
            this.maxPayloadBytes = maxPayloadBytes;
            return this;
        }

        public Builder maxBodyBytes(int maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        public Builder commandTimeout(Duration commandTimeout) {
            this.commandTimeout = commandTimeout;
            return this;
        }

        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
            return this;
        }

        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        public Builder auth(ApiAuth auth) {
            this.auth = auth;
            return this;
        }

        public Builder maxBulkItems(int maxBulkItems) {
            this.maxBulkItems = maxBulkItems;
            return this;
        }

        public Builder maxBulkBodyBytes(int maxBulkBodyBytes) {
            this.maxBulkBodyBytes = maxBulkBodyBytes;
            return this;
        }

        public ApiConfig build() {
            return new ApiConfig(bindAddress, port, knownHandlers, maxPayloadBytes, maxBodyBytes, commandTimeout,
                    pollInterval, threads, auth, maxBulkItems, maxBulkBodyBytes);
        }
    }
}
