package dev.firelane.worker.handlers.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@code http} handler. Build with {@link #builder()}; validated when built.
 *
 * @param allow          which destinations jobs may call; see {@link AllowList}
 * @param defaultTimeout a request's timeout when its payload gives no {@code timeoutMs}
 * @param connectTimeout how long connecting may take
 * @param snippetChars   how much of an error response's body is kept in the run's error
 */
public record HttpHandlerConfig(AllowList allow, Duration defaultTimeout, Duration connectTimeout, int snippetChars) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_SNIPPET_CHARS = 200;

    public HttpHandlerConfig {
        Objects.requireNonNull(allow, "allow");
        positive(defaultTimeout, "defaultTimeout");
        positive(connectTimeout, "connectTimeout");
        if (snippetChars < 0) {
            throw new IllegalArgumentException("snippetChars must not be negative, got " + snippetChars);
        }
    }

    /** Public destinations only, 30 s per request. */
    public static HttpHandlerConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    /** Builds an {@link HttpHandlerConfig} from the {@code DEFAULT_*} values and {@link AllowList#publicOnly()}. */
    public static final class Builder {
        private AllowList allow = AllowList.publicOnly();
        private Duration defaultTimeout = DEFAULT_TIMEOUT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private int snippetChars = DEFAULT_SNIPPET_CHARS;

        private Builder() {
        }

        public Builder allow(AllowList allow) {
            this.allow = allow;
            return this;
        }

        /** A comma list of rules, see {@link AllowList}. */
        public Builder allow(String rules) {
            return allow(AllowList.parse(rules));
        }

        public Builder defaultTimeout(Duration defaultTimeout) {
            this.defaultTimeout = defaultTimeout;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder snippetChars(int snippetChars) {
            this.snippetChars = snippetChars;
            return this;
        }

        public HttpHandlerConfig build() {
            return new HttpHandlerConfig(allow, defaultTimeout, connectTimeout, snippetChars);
        }
    }
}
