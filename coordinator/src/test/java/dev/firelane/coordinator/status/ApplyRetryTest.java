package dev.firelane.coordinator.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.ibatis.exceptions.PersistenceException;
import org.junit.jupiter.api.Test;

class ApplyRetryTest {
    private final List<Duration> waits = new ArrayList<>();
    private final ApplyRetry retry = new ApplyRetry(3, Duration.ofMillis(100), waits::add);

    private static RuntimeException sqlFailure(String message, String sqlState, int code) {
        return new PersistenceException("### Error updating database", new SQLException(message, sqlState, code));
    }

    private void callFailing(RuntimeException failure) {
        retry.call("test", () -> {
            throw failure;
        });
    }

    @Test
    void database_failures_are_retried_with_doubling_backoff() {
        AtomicInteger calls = new AtomicInteger();

        String result = retry.call("test", () -> {
            if (calls.incrementAndGet() <= 2) {
                throw sqlFailure("Deadlock found", "40001", 1213);
            }
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void failure_that_outlasts_the_retries_is_thrown_as_is_never_rejected() {
        RuntimeException down = new PersistenceException(new SQLTransientConnectionException("pool empty"));

        assertThatThrownBy(() -> callFailing(down)).isSameAs(down);
        assertThat(waits).hasSize(3);
    }

    @Test
    void closed_pool_and_sql_bugs_are_not_blamed_on_the_record() {
        RuntimeException closed = new PersistenceException(new SQLException("HikariDataSource has been closed."));
        RuntimeException syntax = sqlFailure("You have an error in your SQL syntax", "42000", 1064);

        assertThatThrownBy(() -> callFailing(closed)).isSameAs(closed);
        assertThatThrownBy(() -> callFailing(syntax)).isSameAs(syntax);
    }

    @Test
    void data_error_is_unappliable_at_once_with_the_sql_reason() {
        RuntimeException tooLong = sqlFailure("Data too long for column 'x'", "22001", 1406);

        assertThatThrownBy(() -> callFailing(tooLong)).isInstanceOf(UnappliableEventException.class)
                .hasMessage("cannot be applied: SQLException: Data too long for column 'x'")
                .hasCause(tooLong);
        assertThat(waits).isEmpty();
    }

    @Test
    void failure_of_the_apply_code_itself_is_unappliable() {
        RuntimeException bug = new IllegalArgumentException("No enum constant RunOutcome.WEIRD");

        assertThatThrownBy(() -> callFailing(bug)).isInstanceOf(UnappliableEventException.class)
                .hasMessageContaining("IllegalArgumentException: No enum constant");
    }

    @Test
    void unappliable_event_passes_through_untouched() {
        UnappliableEventException bad = new UnappliableEventException("bad");

        assertThatThrownBy(() -> callFailing(bad)).isSameAs(bad);
        assertThat(waits).isEmpty();
    }
}
