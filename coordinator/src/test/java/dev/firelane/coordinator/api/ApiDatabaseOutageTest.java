package dev.firelane.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.ibatis.exceptions.PersistenceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A database that does not answer is not the coordinator's fault: found by the chaos suite, where a pause sent
 * during a database outage was answered 500 although it had been published and was applied when the database came
 * back.
 */
class ApiDatabaseOutageTest {
    private final ApiTestServer api = new ApiTestServer(ApiConfig.builder().knownHandlers(Set.of("noop"))
            .commandTimeout(Duration.ofMillis(400)), List.of());

    @AfterEach
    void close() {
        api.close();
    }

    @Test
    void a_published_command_the_database_cannot_confirm_is_a_503_that_says_it_was_published() {
        api.insertJob("nightly", "active", "{}");
        api.onPublish(command -> api.sql("DROP TABLE job_commands")); // the database stops answering for it

        ApiTestServer.Reply reply = api.post("/api/jobs/nightly/pause", "{\"reason\":\"x\"}");

        assertThat(reply.status()).as("%s", reply.json()).isEqualTo(503);
        assertThat(reply.json().path("error").asText()).isEqualTo("unconfirmed");
        String commandId = api.published.get(0).commandId();
        assertThat(reply.json().path("commandId").asText()).isEqualTo(commandId);
        assertThat(reply.json().path("message").asText()).contains("was published", commandId);
        assertThat(reply.raw().headers().firstValue("Retry-After")).contains("5");
        assertThat(reply.raw().body()).doesNotContain("job_commands", "SQL");
    }

    @Test
    void connection_failures_are_unavailable_and_other_faults_are_not() {
        assertThat(DatabaseErrors.isUnavailable(new PersistenceException("x",
                new SQLException("Communications link failure", "08S01")))).isTrue();
        assertThat(DatabaseErrors.isUnavailable(new PersistenceException(new SQLTransientConnectionException(
                "pool: connection is not available, request timed out after 30000ms")))).isTrue();
        assertThat(DatabaseErrors.isUnavailable(new PersistenceException(new SQLException("Table 'jobs' doesn't exist",
                "42S02")))).isFalse();
        assertThat(DatabaseErrors.isUnavailable(new IllegalStateException("a bug"))).isFalse();
    }
}
