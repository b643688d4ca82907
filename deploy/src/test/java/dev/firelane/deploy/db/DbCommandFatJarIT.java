package dev.firelane.deploy.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.coordinator.testing.TestDatabases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code firelane db} from the shaded jar (after package): Flyway finds its database plugins through ServiceLoader
 * files that the shade plugin must merge (flyway-core's and flyway-mysql's have the same name), and reads
 * {@code classpath:db/migration} from inside a jar.
 */
class DbCommandFatJarIT {
    private static final Path JAR = Path.of(System.getProperty("firelane.jar", "target/firelane.jar"));
    private static final String PLUGINS = "META-INF/services/org.flywaydb.core.extensibility.Plugin";

    @TempDir
    Path dir;

    @Test
    void the_jar_merges_the_service_files_of_flyway_core_and_flyway_mysql() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            String plugins = new String(jar.getInputStream(jar.getEntry(PLUGINS)).readAllBytes(), StandardCharsets.UTF_8);

            assertThat(plugins).contains("org.flywaydb.core.internal.database.h2.H2DatabaseType")
                    .contains("org.flywaydb.database.mysql.MySQLDatabaseType")
                    .contains("org.flywaydb.database.mysql.mariadb.MariaDBDatabaseType");
            assertThat(jar.getEntry("db/migration/V1__create_jobs.sql")).isNotNull();
        }
    }

    @Test
    void db_migrate_and_info_run_from_the_jar_on_h2() throws Exception {
        Path config = Files.writeString(dir.resolve("h2.properties"), "db.url=jdbc:h2:file:"
                + dir.resolve("db").toAbsolutePath() + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE\ndb.user=sa\n");

        assertMigratesAndLists(config);
    }

    @Test
    void db_migrate_and_info_run_from_the_jar_on_mariadb() throws Exception {
        DatabaseConfig database = TestDatabases.mariaDb();
        try {
            Path config = Files.writeString(dir.resolve("mariadb.properties"),
                    "db.url=" + database.jdbcUrl() + "\ndb.user=" + database.user() + "\ndb.password=" + database.password() + "\n");

            assertMigratesAndLists(config);
        } finally {
            TestDatabases.dropMariaDb(database);
        }
    }

    private void assertMigratesAndLists(Path config) throws Exception {
        Run migrate = firelane("db", "migrate", "--config", config.toString());
        Run info = firelane("db", "info", "--config", config.toString());

        assertThat(migrate.exitCode()).as(migrate.output()).isZero();
        assertThat(migrate.output()).containsPattern("[1-9][0-9]* migrations applied; schema version [0-9]+");
        assertThat(info.exitCode()).as(info.output()).isZero();
        assertThat(info.output()).containsPattern("\n1 +create jobs +SQL +Success").doesNotContain("Pending");
    }

    private record Run(int exitCode, String output) {
    }

    private Run firelane(String... args) throws Exception {
        Path log = Files.createTempFile(dir, "firelane", ".log");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("firelane " + String.join(" ", args) + " did not end in 120 s: " + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log));
    }
}
