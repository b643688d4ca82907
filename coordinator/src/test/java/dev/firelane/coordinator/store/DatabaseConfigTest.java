package dev.firelane.coordinator.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The driver options Firelane adds to a MySQL/MariaDB URL, and leaves alone where the URL sets them. */
class DatabaseConfigTest {
    @Test
    void a_mysql_url_gets_rewritten_batches_and_server_side_prepared_statements() {
        assertThat(DatabaseConfig.of("jdbc:mysql://db:3306/firelane", "u", "p").effectiveUrl()).isEqualTo(
                "jdbc:mysql://db:3306/firelane?rewriteBatchedStatements=true&useServerPrepStmts=true"
                        + "&cachePrepStmts=true&prepStmtCacheSize=250&prepStmtCacheSqlLimit=8192");
    }

    @Test
    void an_option_the_url_sets_is_kept_as_given_and_the_others_are_added_after_its_own() {
        String url = DatabaseConfig.of("jdbc:mysql://db/firelane?useSSL=false&useServerPrepStmts=false", "u", "p")
                .effectiveUrl();

        assertThat(url).startsWith("jdbc:mysql://db/firelane?useSSL=false&useServerPrepStmts=false&")
                .contains("&rewriteBatchedStatements=true", "&cachePrepStmts=true")
                .doesNotContain("useServerPrepStmts=true");
    }

    @Test
    void an_h2_url_is_left_as_it_is() {
        String h2 = "jdbc:h2:mem:x;MODE=MySQL;DATABASE_TO_LOWER=TRUE";
        assertThat(DatabaseConfig.of(h2, "sa", "").effectiveUrl()).isEqualTo(h2);
    }
}
