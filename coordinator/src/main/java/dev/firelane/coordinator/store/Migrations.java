package dev.firelane.coordinator.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.firelane.protocol.FirelaneException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.RepairResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema migrations run by Flyway: {@code db/migration/V<n>__<description>.sql} on the classpath, the same
 * files on MySQL/MariaDB and H2, recorded in Flyway's {@code flyway_schema_history}. Flyway locks that table while it
 * migrates, so coordinators starting at once apply each script once, and it refuses to start on a database whose
 * applied scripts no longer match this build's (checksums) until {@link #repair()} says they do.
 *
 * <p>A database made before Flyway (by Firelane's own runner, which kept {@code schema_version}) is baselined at the
 * highest version that table records: those scripts are not run again, newer ones are.
 */
public final class Migrations {
    static final String LOCATION = "classpath:db/migration";
    /** What a refused start tells the operator to do. */
    static final String REPAIR_HINT = "if a script was changed on purpose and the database already matches it, or the"
            + " changes of a failed migration were undone by hand, run 'firelane db repair --config FILE'; otherwise"
            + " deploy the build that applied the scripts (see docs/database-migrations.md)";

    private static final Logger log = LoggerFactory.getLogger(Migrations.class);

    private final DataSource dataSource;

    public Migrations(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Runs {@code action} with the migrations of the database {@code config} names, on a small pool of its own that is
     * closed afterwards (for {@code firelane db …}, which migrates without starting a coordinator).
     */
    public static <T> T with(DatabaseConfig config, Function<Migrations, T> action) {
        HikariDataSource pool;
        try {
            pool = Database.pool(config, 2, "firelane-migrations");
        } catch (RuntimeException e) {
            throw new FirelaneException("cannot connect to the database " + config.jdbcUrl() + ": " + e.getMessage(), e);
        }
        try (pool) {
            return action.apply(new Migrations(pool));
        }
    }

    /** Applies every migration not yet applied (baselining a pre-Flyway database first); returns how many ran. */
    public int migrate() {
        try {
            OptionalInt legacy = pendingBaseline();
            FluentConfiguration config = configuration();
            if (legacy.isPresent()) {
                log.info("database has the pre-Flyway table {} at version {}: baselining there", LegacySchemaVersion.TABLE,
                        legacy.getAsInt());
                config.baselineOnMigrate(true).baselineVersion(Integer.toString(legacy.getAsInt()))
                        .baselineDescription("schema_version before Flyway");
            }
            int applied = config.load().migrate().migrationsExecuted;
            if (applied > 0) {
                log.info("schema migrated: {} scripts applied", applied);
            }
            return applied;
        } catch (FlywayValidateException e) {
            throw new FirelaneException("schema migration refused: the database's schema history does not match this"
                    + " build's scripts: " + flywayMessage(e) + " — " + REPAIR_HINT, e);
        } catch (FlywayException e) {
            throw new FirelaneException("schema migration failed: " + flywayMessage(e)
                    + " (see docs/database-migrations.md)", e);
        }
    }

    /** Every migration this build has or the database records, in order, with its state. */
    public Status info() {
        try {
            MigrationInfoService info = configuration().load().info();
            OptionalInt legacy = pendingBaseline();
            List<Row> rows = Arrays.stream(info.all()).map(migration -> Row.of(migration, legacy)).toList();
            String current = info.current() == null || info.current().getVersion() == null ? null
                    : info.current().getVersion().getVersion();
            return new Status(rows, current, legacy);
        } catch (FlywayException e) {
            throw new FirelaneException("cannot read the schema history: " + flywayMessage(e), e);
        }
    }

    /**
     * Makes the schema history agree with this build: records the checksums and descriptions of its scripts for the
     * versions applied, and removes entries of failed migrations (on MySQL/MariaDB, whose DDL is not transactional,
     * undo what a failed script did by hand first). Returns what it did, one line per action.
     */
    public List<String> repair() {
        try {
            RepairResult result = configuration().load().repair();
            return result.repairActions == null ? List.of() : List.copyOf(result.repairActions);
        } catch (FlywayException e) {
            throw new FirelaneException("schema repair failed: " + flywayMessage(e), e);
        }
    }

    private FluentConfiguration configuration() {
        return Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                .failOnMissingLocations(true) // a jar that lost its scripts must not look like an up-to-date database
                .validateMigrationNaming(true);
    }

    /** The version to baseline at if this is a pre-Flyway database not yet baselined. */
    private OptionalInt pendingBaseline() {
        try {
            return LegacySchemaVersion.pendingBaseline(dataSource);
        } catch (SQLException e) {
            throw new FirelaneException("cannot read the database's schema tables: " + e.getMessage(), e);
        }
    }

    /** Flyway's message without its advertising lines. */
    private static String flywayMessage(FlywayException e) {
        return e.getMessage().lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("Need more flexibility"))
                .collect(Collectors.joining("; "));
    }

    /**
     * One migration as {@link #info()} lists it: Flyway's state, but {@value #BEFORE_FLYWAY} for a script that a
     * pre-Flyway database records as applied (Flyway alone would call it pending).
     */
    public record Row(String version, String description, String type, String state, Instant installedOn) {
        public static final String BEFORE_FLYWAY = "Applied before Flyway";

        static Row of(MigrationInfo info, OptionalInt legacyVersion) {
            boolean appliedBefore = legacyVersion.isPresent() && info.getState() == MigrationState.PENDING
                    && info.getVersion() != null
                    && info.getVersion().compareTo(MigrationVersion.fromVersion(Integer.toString(legacyVersion.getAsInt()))) <= 0;
            return new Row(info.getVersion() == null ? "" : info.getVersion().getVersion(), info.getDescription(),
                    info.getType().name(), appliedBefore ? BEFORE_FLYWAY : info.getState().getDisplayName(),
                    info.getInstalledOn() == null ? null : info.getInstalledOn().toInstant());
        }
    }

    /**
     * The migrations; the version the database is at per Flyway's history (null before the first migrate); and, for
     * a pre-Flyway database not yet baselined, the version its {@code schema_version} records (the next migrate
     * baselines there instead of running those scripts).
     */
    public record Status(List<Row> rows, String currentVersion, OptionalInt legacyVersion) {
        public Status {
            rows = List.copyOf(rows);
        }
    }
}
