package dev.firelane.deploy.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.deploy.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbCommandTest {
    @TempDir
    Path dir;
    private String url;
    private Path config;

    @BeforeEach
    void config() throws Exception {
        url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE";
        config = write("firelane.properties", "kafka.bootstrap.servers=localhost:9092\ndb.url=" + url + "\ndb.user=sa\n");
    }

    @Test
    void info_on_a_new_database_lists_every_script_as_pending_and_changes_nothing() {
        CliRun first = CliRun.run("db", "info", "--config", config.toString());
        CliRun second = CliRun.run("db", "info", "--config", config.toString());

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("schema version none")
                .containsPattern("VERSION +DESCRIPTION +TYPE +STATE +INSTALLED ON")
                .containsPattern("\n1 +create jobs +SQL +Pending")
                .containsPattern("\n7 +command placement +SQL +Pending")
                .doesNotContain("Success");
        assertThat(second.out()).isEqualTo(first.out());
    }

    @Test
    void migrate_applies_the_scripts_once_and_info_shows_when() {
        CliRun migrate = CliRun.run("db", "migrate", "--config", config.toString());
        CliRun again = CliRun.run("db", "migrate", "--config", config.toString());
        CliRun info = CliRun.run("db", "info", "--config", config.toString());

        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        assertThat(migrate.out()).containsPattern("[1-9][0-9]* migrations applied; schema version [0-9]+");
        assertThat(again.out()).contains(": 0 migrations applied");
        assertThat(info.out()).containsPattern("\n1 +create jobs +SQL +Success +20[0-9]{2}-[0-9]{2}-[0-9]{2}T")
                .doesNotContain("Pending");
    }

    @Test
    void a_bad_config_exits_non_zero_and_says_what_is_wrong() throws Exception {
        CliRun noUrl = CliRun.run("db", "info", "--config", write("no-url.properties", "db.user=sa\n").toString());
        CliRun typo = CliRun.run("db", "info", "--config", write("typo.properties", "db.ulr=" + url + "\n").toString());
        CliRun missing = CliRun.run("db", "info", "--config", dir.resolve("absent.properties").toString());

        assertThat(noUrl.exitCode()).isEqualTo(1);
        assertThat(noUrl.err()).contains("'db.url' is required");
        assertThat(typo.exitCode()).isEqualTo(1);
        assertThat(typo.err()).contains("unknown key 'db.ulr'");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("cannot read config file");
    }

    @Test
    void an_unreachable_database_exits_non_zero_and_names_it() throws Exception {
        Path unreachable = write("down.properties", "db.url=jdbc:mysql://127.0.0.1:1/firelane\n");

        CliRun info = CliRun.run("db", "info", "--config", unreachable.toString());

        assertThat(info.exitCode()).isEqualTo(1);
        assertThat(info.err()).contains("error: cannot connect to the database jdbc:mysql://127.0.0.1:1/firelane");
    }

    @Test
    void a_changed_script_makes_migrate_refuse_until_db_repair() throws Exception {
        CliRun.run("db", "migrate", "--config", config.toString());
        execute("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '4'");

        CliRun refused = CliRun.run("db", "migrate", "--config", config.toString());
        CliRun repair = CliRun.run("db", "repair", "--config", config.toString());
        CliRun migrate = CliRun.run("db", "migrate", "--config", config.toString());

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("checksum mismatch for migration version 4")
                .contains("firelane db repair --config FILE");
        assertThat(repair.exitCode()).as(repair.err()).isZero();
        assertThat(repair.out()).contains("repaired");
        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        assertThat(migrate.out()).contains(": 0 migrations applied");
    }

    @Test
    void a_pre_flyway_database_is_named_by_info_and_baselined_by_migrate() throws Exception {
        CliRun.run("db", "migrate", "--config", config.toString());
        makePreFlyway(7);

        CliRun info = CliRun.run("db", "info", "--config", config.toString());
        CliRun migrate = CliRun.run("db", "migrate", "--config", config.toString());
        CliRun after = CliRun.run("db", "info", "--config", config.toString());

        assertThat(info.out()).contains("made before Flyway: its schema_version table records version 7")
                .containsPattern("\n1 +create jobs +SQL +Applied before Flyway").doesNotContain("Pending");
        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        assertThat(migrate.out()).contains(": 0 migrations applied; schema version 7");
        assertThat(after.out()).doesNotContain("made before Flyway").containsPattern("\n7 +schema_version before Flyway +BASELINE +Baseline");
    }

    @Test
    void db_help_names_its_commands() {
        CliRun help = CliRun.run("db", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("info").contains("migrate").contains("repair");
    }

    /** The database as the old runner left it: the same tables, recorded in schema_version, no Flyway history. */
    private void makePreFlyway(int version) throws Exception {
        execute("DROP TABLE flyway_schema_history");
        execute("CREATE TABLE schema_version (version INT NOT NULL PRIMARY KEY, description VARCHAR(200) NOT NULL,"
                + " installed_at TIMESTAMP(3) NOT NULL)");
        for (int v = 1; v <= version; v++) {
            execute("INSERT INTO schema_version VALUES (" + v + ", 'script', TIMESTAMP '2026-01-01 00:00:00')");
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }
}
