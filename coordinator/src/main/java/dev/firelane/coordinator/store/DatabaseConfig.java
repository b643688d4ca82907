package dev.firelane.coordinator.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the job database is. MySQL/MariaDB URLs get {@code rewriteBatchedStatements=true} added (batched
 * writes only pay with it); H2 URLs should use {@code MODE=MySQL;DATABASE_TO_LOWER=TRUE}.
 */
public record DatabaseConfig(String jdbcUrl, String user, String password, int maxPoolSize) {
    public static final int DEFAULT_MAX_POOL_SIZE = 8;

    public DatabaseConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:mysql:") && !jdbcUrl.startsWith("jdbc:mariadb:") && !jdbcUrl.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("jdbcUrl must be a jdbc:mysql: or jdbc:h2: URL, got " + jdbcUrl);
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be >= 1");
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
    }

    public static DatabaseConfig of(String jdbcUrl, String user, String password) {
        return new DatabaseConfig(jdbcUrl, user, password, DEFAULT_MAX_POOL_SIZE);
    }

    /** An embedded H2 database in MySQL mode stored in {@code file} (without the .mv.db suffix). */
    public static DatabaseConfig h2File(Path file) {
        return of("jdbc:h2:file:" + file.toAbsolutePath() + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;AUTO_SERVER=TRUE", "sa", "");
    }

    boolean isMySql() {
        return jdbcUrl.startsWith("jdbc:mysql:") || jdbcUrl.startsWith("jdbc:mariadb:");
    }

    /** The URL with the driver options Firelane relies on. */
    String effectiveUrl() {
        if (!isMySql() || jdbcUrl.contains("rewriteBatchedStatements")) {
            return jdbcUrl;
        }
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "rewriteBatchedStatements=true";
    }

    @Override
    public String toString() {
        return "DatabaseConfig[" + jdbcUrl + ", user=" + user + "]";
    }
}
