package dev.firelane.coordinator.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.apache.ibatis.exceptions.PersistenceException;
import org.junit.jupiter.api.Test;

/**
 * Only the records' own data may send them to the dlq: a fault of the code or the database is retried, so a
 * good record is never dead-lettered because something else went wrong.
 */
class ApplyFailuresTest {
    @Test
    void data_the_database_refuses_is_the_records_fault() {
        assertThat(ApplyFailures.classify(wrapped(new SQLException("Incorrect datetime value", "22007", 1292))))
                .isEqualTo(ApplyFailures.Verdict.REJECT);
        assertThat(ApplyFailures.classify(wrapped(new SQLException("Data too long", "22001", 1406))))
                .isEqualTo(ApplyFailures.Verdict.REJECT);
        assertThat(ApplyFailures.classify(wrapped(new SQLException("Duplicate entry", "23000", 1062))))
                .isEqualTo(ApplyFailures.Verdict.REJECT);
    }

    @Test
    void a_fault_in_the_apply_code_or_the_database_is_retried_never_dead_lettered() {
        assertThat(ApplyFailures.classify(new NullPointerException("row is null"))).isEqualTo(ApplyFailures.Verdict.RETRY);
        assertThat(ApplyFailures.classify(new IllegalStateException("bug"))).isEqualTo(ApplyFailures.Verdict.RETRY);
        assertThat(ApplyFailures.classify(new StaleBatchException("matched 0 rows, not 1"))).isEqualTo(ApplyFailures.Verdict.RETRY);
        assertThat(ApplyFailures.classify(wrapped(new SQLException("Deadlock found", "40001", 1213))))
                .isEqualTo(ApplyFailures.Verdict.RETRY);
        assertThat(ApplyFailures.classify(wrapped(new SQLTransientConnectionException("pool closed", "08S01"))))
                .isEqualTo(ApplyFailures.Verdict.RETRY);
        assertThat(ApplyFailures.classify(wrapped(new SQLException("Table 'job_runs' doesn't exist", "42S02", 1146))))
                .as("a table taken away is an outage, not bad data").isEqualTo(ApplyFailures.Verdict.RETRY);
        assertThat(ApplyFailures.classify(wrapped(new SQLException("no state"))))
                .isEqualTo(ApplyFailures.Verdict.RETRY);
    }

    @Test
    void the_deepest_sql_error_decides_and_describes() {
        SQLException inner = new SQLException("Incorrect datetime value: '+10000-01-01'\nmore", "22007");
        RuntimeException outer = new PersistenceException("### Error updating database", new RuntimeException(inner));

        assertThat(ApplyFailures.classify(outer)).isEqualTo(ApplyFailures.Verdict.REJECT);
        assertThat(ApplyFailures.describe(outer)).isEqualTo("SQLException: Incorrect datetime value: '+10000-01-01'");
    }

    private static RuntimeException wrapped(SQLException e) {
        return new PersistenceException("### Error", e);
    }
}
