package dev.firelane.coordinator.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import java.util.Collection;
import javax.sql.DataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job database: a connection pool, the schema brought up to date, and a MyBatis session factory with
 * the given mapper interfaces (each with its XML beside it, namespace = interface).
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    /** MyBatis' database id of MySQL and MariaDB, for statements only they understand. */
    public static final String MYSQL = "mysql";
    /** MyBatis' database id of H2. */
    public static final String H2 = "h2";

    private final HikariDataSource dataSource;
    private final SqlSessionFactory sessions;

    private Database(HikariDataSource dataSource, SqlSessionFactory sessions) {
        this.dataSource = dataSource;
        this.sessions = sessions;
    }

    /** Opens the pool, runs pending migrations and registers {@code mappers}. */
    public static Database open(DatabaseConfig config, Collection<Class<?>> mappers) {
        HikariDataSource dataSource = pool(config, config.maxPoolSize(), "firelane-db");
        try {
            new Migrations(dataSource).migrate();
            Database db = new Database(dataSource, sessionFactory(dataSource, mappers, config.isMySql() ? MYSQL : H2));
            log.info("database ready at {}", config.jdbcUrl());
            return db;
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    /** A connection pool to {@code config}'s database; fails at once if no connection can be had. */
    static HikariDataSource pool(DatabaseConfig config, int maxSize, String name) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.effectiveUrl());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(maxSize);
        hikari.setPoolName(name);
        hikari.setAutoCommit(true);
        return new HikariDataSource(hikari);
    }

    private static SqlSessionFactory sessionFactory(DataSource dataSource, Collection<Class<?>> mappers, String databaseId) {
        Configuration configuration = new Configuration(new Environment("firelane", new JdbcTransactionFactory(), dataSource));
        // set before the mappers load: statements marked databaseId="mysql" replace their generic twins there
        configuration.setDatabaseId(databaseId);
        configuration.setMapUnderscoreToCamelCase(true);
        configuration.getTypeHandlerRegistry().register(Instant.class, new InstantTypeHandler());
        mappers.forEach(configuration::addMapper);
        return new SqlSessionFactoryBuilder().build(configuration);
    }

    public SqlSessionFactory sessions() {
        return sessions;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Whether a connection can be had and answers (for /health). */
    public boolean isReachable() {
        try (var connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
