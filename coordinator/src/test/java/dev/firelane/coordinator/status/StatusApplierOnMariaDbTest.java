package dev.firelane.coordinator.status;

import static dev.firelane.coordinator.status.Events.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.coordinator.testing.TestDatabases;
import java.util.List;
import org.apache.ibatis.session.SqlSession;
import org.junit.jupiter.api.Test;

class StatusApplierOnMariaDbTest extends StatusApplierContract {
    private static final String ERROR_TEXT = "boom: \"quoted\" \\ back, tab\t, ünïcødé ✓, {\"json\": [1]}";

    @Override
    DatabaseConfig newDatabase() {
        return TestDatabases.mariaDb();
    }

    @Override
    void dropDatabase(DatabaseConfig config) {
        if (config != null) {
            TestDatabases.dropMariaDb(config);
        }
    }

    @Test
    void telemetry_of_many_jobs_in_one_statement_counts_only_rows_not_deleted() {
        createActive("a");
        createActive("b");
        createActive("c");
        apply(events.delete("b", t(1)));
        try (SqlSession session = database.sessions().openSession(true)) {
            JobMapper jobs = session.getMapper(JobMapper.class);
            int matched = jobs.recordActivities(List.of(
                    new JobActivity("a", 2, false, 1, t(5), "error", ERROR_TEXT, null, null, null),
                    new JobActivity("b", 1, true, 0, t(5), "ok", null, 200, null, null),
                    new JobActivity("c", 1, true, 0, t(6), "ok", null, 204, "c@6000", t(60))));

            assertThat(matched).as("the deleted job's row is not touched").isEqualTo(2);
        }
        assertThat(job("a").runCount()).isEqualTo(2);
        assertThat(job("a").consecutiveErrors()).isEqualTo(1);
        assertThat(job("a").lastRunAt()).isEqualTo(t(5));
        assertThat(job("a").lastError()).as("the rows travel as JSON: quotes, backslashes and any script survive")
                .isEqualTo(ERROR_TEXT);
        assertThat(job("b").runCount()).isZero();
        assertThat(job("c").lastDeliveryStatus()).isEqualTo(204);
        assertThat(job("c").nextFireAt()).isEqualTo(t(60));
    }

    @Test
    void an_instant_mariadb_cannot_hold_is_refused_by_the_grouped_statements_never_stored_as_a_zero_date() {
        createActive("a");
        java.time.Instant year10000 = java.time.Instant.parse("+10000-01-01T00:00:00Z");
        try (SqlSession session = database.sessions().openSession(true)) {
            RunMapper runs = session.getMapper(RunMapper.class);
            JobMapper jobs = session.getMapper(JobMapper.class);

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> runs.insertAll(List.of(
                    new RunRow("a@1", "a", 1, t(1), t(1), null, null, null, null, null, null),
                    new RunRow("a@2", "a", 1, year10000, year10000, null, null, null, null, null, null))))
                    .hasMessageContaining("Incorrect datetime value");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> jobs.recordActivities(List.of(
                    new JobActivity("a", 1, true, 0, year10000, "ok", null, null, null, null))))
                    .hasMessageContaining("Incorrect datetime value");
        }
        assertThat(runs("a")).isEmpty();
        assertThat(job("a").lastRunAt()).isNull();
    }

    @Test
    void lookups_by_json_array_find_the_rows_named_and_a_row_found_for_a_cut_id_stays_another_row() {
        createActive("a");
        String id64 = "c".repeat(64);
        try (SqlSession session = database.sessions().openSession(true)) {
            CommandMapper commands = session.getMapper(CommandMapper.class);
            commands.insert(new CommandRow(id64, "a", "Pause", "alice", t(1), null, t(1), CommandRow.APPLIED, null));
            Mappers m = Mappers.of(session);
            assertThat(m.json()).isTrue();

            Batch batch = Batch.read(List.of(
                    new dev.firelane.protocol.ControlCommand.Resume(id64 + "-and-more", "a", "bob", t(2), null),
                    new dev.firelane.protocol.ControlCommand.Resume(id64, "a", "bob", t(2), null)), m);

            assertThat(batch.recorded(id64)).as("found through the JSON array").isNotNull();
            assertThat(batch.recorded(id64 + "-and-more")).as("JSON_TABLE cuts it to the prefix's row, which is not it").isNull();
            assertThat(batch.job("a").row()).isNotNull();
        }
    }

    @Test
    void jobs_created_in_one_grouped_statement_keep_every_character_of_their_definition() throws Exception {
        String longId = "j".repeat(128);
        com.fasterxml.jackson.databind.JsonNode payload = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("{\"text\":" + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(ERROR_TEXT) + "}");
        List<Object> creates = new java.util.ArrayList<>();
        for (int j = 0; j < 1_100; j++) {
            creates.add(events.create(dev.firelane.coordinator.testing.JobSpecs.aJob("bulk-" + j).payload(payload).build()));
        }
        creates.add(events.create(dev.firelane.coordinator.testing.JobSpecs.aJob(longId).build()));

        apply(creates.toArray());

        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(job("bulk-1099").payload())).isEqualTo(payload);
        assertThat(job("bulk-0").jobStatus()).isEqualTo(dev.firelane.protocol.JobStatus.ACTIVE);
        assertThat(job("bulk-0").createdAt()).isNotNull();
        assertThat(job(longId)).isNotNull();
        List<CommandRow> audit = read(m -> m.commands().findByJob("bulk-7"));
        assertThat(audit).singleElement().satisfies(c -> assertThat(c.result()).isEqualTo(CommandRow.APPLIED));
    }
}
