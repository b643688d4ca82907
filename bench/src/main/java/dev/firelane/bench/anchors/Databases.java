package dev.firelane.bench.anchors;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * The anchors' own MariaDB databases: dropped and made anew before a run, left in place after it for inspection.
 * Only names starting with {@code bench_} are accepted, so a slip cannot drop anyone else's database.
 */
final class Databases {
    private static final Pattern OWN = Pattern.compile("bench_[a-z0-9_]+");
    private static final String OPTIONS = "useSSL=false&allowPublicKeyRetrieval=true";

    private final String server;
    private final String user;
    private final String password;

    /** {@code server}: a JDBC URL without a database, e.g. {@code jdbc:mysql://127.0.0.1:3306/}. */
    Databases(String server, String user, String password) {
        this.server = server.endsWith("/") ? server : server + "/";
        this.user = user;
        this.password = password;
    }

    /** The URL of {@code database}; batched inserts are rewritten into multi-row inserts, as the project does. */
    String url(String database) {
        return server + own(database) + "?rewriteBatchedStatements=true&" + OPTIONS;
    }

    void reset(String database) throws SQLException {
        drop(database);
        execute("CREATE DATABASE " + own(database) + " CHARACTER SET utf8mb4");
    }

    void drop(String database) throws SQLException {
        execute("DROP DATABASE IF EXISTS " + own(database));
    }

    /** A HikariCP pool of {@code size} connections to {@code database}. */
    HikariDataSource pool(String database, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("anchor-" + database);
        config.setJdbcUrl(url(database));
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        return new HikariDataSource(config);
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(server + "?" + OPTIONS, user, password);
             Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static String own(String database) {
        if (!OWN.matcher(database).matches()) {
            throw new IllegalArgumentException("not an anchor database: " + database);
        }
        return database;
    }
}
