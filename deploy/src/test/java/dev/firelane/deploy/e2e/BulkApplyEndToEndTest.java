package dev.firelane.deploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firelane.coordinator.testing.TestDatabases;
import dev.firelane.deploy.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bulk changes through the real broker and status stream: a bulk request of a few hundred jobs with some invalid
 * ones, the same request again (nothing to do), then {@code firelane job apply --prune} of a file that changes one
 * job, adds one and leaves some out.
 */
class BulkApplyEndToEndTest {
    private static final Logger log = LoggerFactory.getLogger(BulkApplyEndToEndTest.class);
    private static final int JOBS = 300;
    private static FirelaneStack stack;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        stack = FirelaneStack.start(TestDatabases.h2());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    /** Every 30th job has a cron that cannot be: 10 of the 300 are invalid. */
    private static boolean invalid(int i) {
        return i % 30 == 0;
    }

    private static String id(int i) {
        return String.format("bulk-%03d", i);
    }

    private static String bulkItem(int i) {
        return invalid(i)
                ? "{\"id\":\"" + id(i) + "\",\"scheduleKind\":\"cron\",\"schedule\":\"0 0 30 2 *\",\"handler\":\"noop\"}"
                : "{\"id\":\"" + id(i) + "\",\"scheduleKind\":\"every\",\"schedule\":\"1h\",\"handler\":\"noop\","
                        + "\"payload\":{\"n\":" + i + "}}";
    }

    private static String yamlJob(int i, String every) {
        return "- id: " + id(i) + "\n  every: " + every + "\n  handler: noop\n  payload: {n: " + i + "}\n";
    }

    @Test
    void a_bulk_applies_the_valid_jobs_a_repeat_changes_nothing_and_apply_prune_converges_on_the_file() throws IOException {
        ApiClient api = stack.api();
        String body = IntStream.range(0, JOBS).mapToObj(BulkApplyEndToEndTest::bulkItem)
                .collect(Collectors.joining(",", "[", "]"));

        long start = System.nanoTime();
        ApiClient.Reply bulk = api.post("/api/jobs/bulk", body);
        log.info("bulk of {} jobs answered {} in {} ms: {}", JOBS, bulk.status(), (System.nanoTime() - start) / 1_000_000,
                bulk.body().path("appliedInMs"));

        assertThat(bulk.status()).as("invalid jobs make it a 207").isEqualTo(207);
        assertThat(bulk.body().path("created").asInt()).as(bulk.body().toString()).isEqualTo(290);
        assertThat(bulk.body().path("invalid").asInt()).isEqualTo(10);
        assertThat(bulk.body().path("pending").asInt()).isZero();
        JsonNode invalidItem = bulk.body().path("items").get(30);
        assertThat(invalidItem.path("id").asText()).isEqualTo("bulk-030");
        assertThat(invalidItem.path("field").asText()).isEqualTo("schedule");
        assertThat(invalidItem.path("message").asText()).contains("never fires");
        assertThat(api.get("/api/jobs?limit=1000").body()).hasSize(290);
        assertThat(api.get("/api/jobs/bulk-030").status()).isEqualTo(404);
        assertThat(api.job("bulk-001").path("payload").path("n").asInt()).isEqualTo(1);

        ApiClient.Reply again = api.post("/api/jobs/bulk", body);
        assertThat(again.body().path("unchanged").asInt()).as("a repeat publishes nothing").isEqualTo(290);
        assertThat(again.body().path("items")).allSatisfy(item -> assertThat(item.path("commandId").isNull()).isTrue());
        assertThat(api.get("/api/jobs/bulk-001/audit").body()).hasSize(1);

        // the file keeps bulk-000..249 (bulk-007 now every 2h), adds one, and leaves bulk-250..299 out
        StringBuilder yaml = new StringBuilder("# what the team wants\n");
        IntStream.range(0, 250).filter(i -> !invalid(i)).forEach(i -> yaml.append(yamlJob(i, i == 7 ? "2h" : "1h")));
        yaml.append("- id: bulk-new\n  cron: \"0 0 3 * * ?\"\n  timeZone: Europe/Berlin\n  handler: noop\n  paused: true\n");
        Path file = dir.resolve("jobs.yaml");
        Files.writeString(file, yaml);

        CliRun cli = CliRun.run("job", "apply", "-f", file.toString(), "--prune", "--reason", "converge",
                "--server", stack.baseUrl(), "--token-file", dir.resolve("no-token").toString());

        assertThat(cli.exitCode()).as(cli.out() + cli.err()).isZero();
        assertThat(cli.out()).contains("+ create bulk-new\n").contains("~ update bulk-007 (every)\n")
                .contains("= unchanged bulk-008\n").contains("- delete bulk-251\n")
                .contains("Plan: 1 to create, 1 to update, 240 unchanged, 49 to delete, 0 invalid.\n")
                .contains("WARNING: --prune will DELETE 49 jobs that are not in jobs.yaml: bulk-250, bulk-251, bulk-252,"
                        + " bulk-253, bulk-254, bulk-255, bulk-256, bulk-257, bulk-258, bulk-259 and 39 more\n")
                .contains("Applied: 1 created, 1 updated, 49 deleted; 0 failed, 0 not applied in time.");

        JsonNode jobs = api.get("/api/jobs?limit=1000").body();
        assertThat(jobs.findValuesAsText("id")).hasSize(242).contains("bulk-new", "bulk-249")
                .doesNotContain("bulk-251", "bulk-299");
        assertThat(api.job("bulk-007").path("schedule").asText()).isEqualTo("2h");
        assertThat(api.job("bulk-new").path("status").asText()).isEqualTo("paused");
        JsonNode changedAudit = api.get("/api/jobs/bulk-007/audit").body();
        assertThat(changedAudit.findValuesAsText("kind")).containsExactly("Create", "Update");
        assertThat(changedAudit.get(1).path("reason").asText()).isEqualTo("converge");
        assertThat(api.get("/api/jobs/bulk-008/audit").body().findValuesAsText("kind")).as("unchanged: no command")
                .containsExactly("Create");
        assertThat(api.get("/api/jobs/bulk-299/audit").body().findValuesAsText("kind")).containsExactly("Create", "Delete");

        CliRun repeat = CliRun.run("job", "apply", "-f", file.toString(), "--prune", "--server", stack.baseUrl(),
                "--token-file", dir.resolve("no-token").toString());
        assertThat(repeat.exitCode()).isZero();
        assertThat(repeat.out()).endsWith("Plan: 0 to create, 0 to update, 242 unchanged, 0 to delete, 0 invalid.\n"
                + "Nothing to change.\n");
        List<String> lines = repeat.out().lines().toList();
        assertThat(lines).hasSize(244);
    }
}
