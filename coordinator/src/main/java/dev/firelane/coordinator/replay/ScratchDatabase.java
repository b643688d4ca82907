package dev.firelane.coordinator.replay;

import dev.firelane.coordinator.status.StatusStream;
import dev.firelane.coordinator.store.Database;
import dev.firelane.coordinator.store.DatabaseConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;

/**
 * A private in-memory H2 database (MySQL mode) with the live schema, made by the live migrations: where the
 * replay of one job is applied. Gone when closed.
 */
final class ScratchDatabase implements AutoCloseable {
    private final Database database;

    private ScratchDatabase(Database database) {
        this.database = database;
    }

    /** A private in-memory H2 database with the schema and the status stream's mappers. */
    static ScratchDatabase inMemory() {
        String name = "replay_" + UUID.randomUUID().toString().replace("-", "");
        DatabaseConfig config = new DatabaseConfig("jdbc:h2:mem:" + name
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "", 2);
        return new ScratchDatabase(Database.open(config, StatusStream.MAPPERS));
    }

    SqlSessionFactory sessions() {
        return database.sessions();
    }

    <T> T read(java.util.function.Function<SqlSession, T> query) {
        try (SqlSession session = database.sessions().openSession()) {
            return query.apply(session);
        }
    }

    @Override
    public void close() {
        try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("SHUTDOWN");
        } catch (SQLException e) {
            // the pool closes below either way; an in-memory database only lingers until the JVM ends
        }
        database.close();
    }
}
