package dev.firelane.bench.anchors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.jobrunr.configuration.JobRunr;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the three anchors runnable: 200 no-op jobs each, in process, against the local MariaDB (127.0.0.1:3306,
 * root, empty password, or FIRELANE_TEST_MYSQL_URL/_USER/_PASSWORD), in databases {@code bench_smoke_<name>},
 * dropped at the end. Every job must run exactly once and the figures must be sane.
 */
class AnchorSmokeTest {
    private static final int JOBS = 200;
    private static final String PREFIX = "bench_smoke_";

    @Test
    void db_scheduler_runs_each_of_200_jobs_exactly_once_and_reports_sane_figures() throws Exception {
        assertRunsEveryJobOnce(DbSchedulerAnchor.NAME);
    }

    @Test
    void jobrunr_runs_each_of_200_jobs_exactly_once_and_reports_sane_figures() throws Exception {
        assertRunsEveryJobOnce(JobRunrAnchor.NAME);
    }

    @Test
    void quartz_runs_each_of_200_jobs_exactly_once_and_reports_sane_figures() throws Exception {
        assertRunsEveryJobOnce(QuartzAnchor.NAME);
    }

    @Test
    void a_job_started_twice_counts_once_as_executed_and_once_as_a_duplicate() {
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:01Z"), java.time.ZoneOffset.UTC);
        AtomicLong cpu = new AtomicLong(100);
        Executions executions = new Executions(2, clock, cpu::incrementAndGet);

        executions.record(1);
        executions.record(1);

        assertThat(executions.executed()).isEqualTo(1);
        assertThat(executions.duplicates()).isEqualTo(1);
        assertThat(executions.started(0)).isFalse();
        assertThat(executions.latenessMillis(Instant.parse("2026-01-01T00:00:00Z"))).containsExactly(1000.0);
    }

    @Test
    void the_jobrunr_version_declared_for_the_shaded_jar_is_the_one_on_the_class_path() {
        assertThat(JobRunr.class.getPackage().getImplementationVersion()).isEqualTo(JobRunrAnchor.DECLARED_VERSION);
    }

    @AfterAll
    static void dropSmokeDatabases() throws Exception {
        Databases databases = new Databases(server(), user(), password());
        for (String name : Anchors.NAMES) {
            databases.drop(Anchors.database(PREFIX, name));
        }
    }

    private static void assertRunsEveryJobOnce(String name) throws Exception {
        // JobRunr polls for due jobs only a poll interval after its start: its T must leave room for that
        Duration lead = Duration.ofSeconds(name.equals(JobRunrAnchor.NAME) ? 3 + JobRunrAnchor.POLL_SECONDS + 2 : 3);
        AnchorOptions options = new AnchorOptions(name, JOBS, AnchorOptions.DEFAULT_THREADS, lead, server(), user(),
                password(), Duration.ofSeconds(60), 0);
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        AnchorResult result = new AnchorRun(options, Anchors.database(PREFIX, name), Clock.systemUTC(),
                new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        System.out.println(result.line()); // in the Surefire report, for whoever reads a failure

        assertThat(result.executed()).as("jobs started").isEqualTo(JOBS);
        assertThat(result.duplicates()).as("jobs started twice").isZero();
        assertThat(result.warning()).isNull();
        assertThat(result.executionsPerSecond()).isPositive();
        assertThat(result.lateP50Ms()).isLessThanOrEqualTo(result.lateP99Ms());
        assertThat(result.lateP99Ms()).isLessThanOrEqualTo(result.lateMaxMs());
        assertThat(result.cpuSeconds()).isNotNegative();
        assertThat(result.version()).matches("\\d+\\.\\d+\\.\\d+.*");
        JsonNode json = new ObjectMapper().readTree(result.line().substring("RESULT ".length()));
        assertThat(json.get("scheduler").asText()).isEqualTo(name);
        assertThat(json.get("executed").asInt()).isEqualTo(JOBS);
        assertThat(json.has("warning")).isTrue();
        assertThat(log.toString(StandardCharsets.UTF_8)).contains(name + ": ", "/200 executed");
    }

    private static String server() {
        return env("FIRELANE_TEST_MYSQL_URL", "jdbc:mysql://127.0.0.1:3306/");
    }

    private static String user() {
        return env("FIRELANE_TEST_MYSQL_USER", "root");
    }

    private static String password() {
        return env("FIRELANE_TEST_MYSQL_PASSWORD", "");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
