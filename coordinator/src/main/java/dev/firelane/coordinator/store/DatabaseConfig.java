package dev.firelane.coordinator.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the job database is. MySQL/MariaDB URLs get the driver options of {@link #MYSQL_OPTIONS} added; H2 URLs
 * should use {@code MODE=MySQL;DATABASE_TO_LOWER=TRUE}.
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

    /**
     * Connector/J options added to MySQL/MariaDB URLs that do not set them: batched single-row writes only pay with
     * rewritten batches, and server-side prepared statements send the status stream's JSON row parameters as they are,
     * where client-side ones escape them character by character into the statement text (a fifth of the status
     * stream's CPU in the 100,000-fire benchmark; see {@code BatchWriter.JOBS_PER_STATEMENT} for the other half).
     */
    static final java.util.List<String> MYSQL_OPTIONS = java.util.List.of("rewriteBatchedStatements=true",
            "useServerPrepStmts=true", "cachePrepStmts=true", "prepStmtCacheSize=250", "prepStmtCacheSqlLimit=8192");

    /** The URL with the driver options Firelane relies on, each added unless the URL sets it already. */
    String effectiveUrl() {
        if (!isMySql()) {
            return jdbcUrl;
        }
        StringBuilder url = new StringBuilder(jdbcUrl);
        for (String option : MYSQL_OPTIONS) {
            String key = option.substring(0, option.indexOf('=') + 1);
            if (!jdbcUrl.contains("?" + key) && !jdbcUrl.contains("&" + key)) {
                url.append(url.indexOf("?") >= 0 ? '&' : '?').append(option);
            }
        }
        return url.toString();
    }

    @Override
    public String toString() {
        return "DatabaseConfig[" + jdbcUrl + ", user=" + user + "]";
    }
}
