package dev.firelane.deploy.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firelane.deploy.CliRun;
import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.FireIds;
import dev.firelane.protocol.JobSpec;
import dev.firelane.protocol.Json;
import dev.firelane.protocol.ScheduleKind;
import dev.firelane.protocol.Topics;
import dev.firelane.worker.testing.KafkaTestCluster;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The schedule what-if across Berlin's 2026-03-29 spring-forward, on a real broker: a nightly 02:30 job whose fires
 * are on the topic except the one of the DST night (02:30 does not exist then; the schedule fires at 03:00 CEST,
 * 01:00Z), which the what-if must report as missed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReplayScheduleWhatIfTest {
    private static final String PREFIX = "dst.";
    private static final String JOB = "nightly";
    private static final Instant CREATED = Instant.parse("2026-03-26T12:00:00Z");
    private static KafkaTestCluster kafka;

    @BeforeAll
    static void writeTheHistory() {
        kafka = KafkaTestCluster.start();
        kafka.createTopics(PREFIX, 3);
        JobSpec spec = new JobSpec(JOB, ScheduleKind.CRON, "30 2 * * *", "Europe/Berlin", "noop", null, 0, null, null);
        try (TopicWriter topics = new TopicWriter(kafka.bootstrapServers(), PREFIX)) {
            topics.send(Topics.CONTROL, JOB, new ControlCommand.Create("c-1", JOB, "alice", CREATED, null, spec, false), CREATED);
            // the fire of 2026-03-29T01:00:00Z is left out of the history
            for (String at : List.of("2026-03-27T01:30:00Z", "2026-03-28T01:30:00Z", "2026-03-30T00:30:00Z", "2026-03-31T00:30:00Z")) {
                Instant scheduled = Instant.parse(at);
                Instant fired = scheduled.plusMillis(3);
                topics.send(Topics.FIRES, JOB, new Fire(FireIds.of(JOB, scheduled, 1), JOB, scheduled, fired, 1, "noop",
                        null, null, 1), fired);
            }
        }
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void the_fire_missing_on_the_dst_night_is_reported_missed_at_the_end_of_the_gap() {
        CliRun run = schedule();

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("job nightly: cron 30 2 * * * in Europe/Berlin, from 2026-03-27T00:00:00Z to 2026-03-31T23:59:59Z");
        assertThat(lines.subList(2, 7)).satisfiesExactly(
                l -> assertThat(l).startsWith("2026-03-27T01:30:00Z  2026-03-27T02:30:00+01:00  2026-03-27T01:30:00.003Z  fired"),
                l -> assertThat(l).startsWith("2026-03-28T01:30:00Z  2026-03-28T02:30:00+01:00  2026-03-28T01:30:00.003Z  fired"),
                l -> assertThat(l).startsWith("2026-03-29T01:00:00Z  2026-03-29T03:00:00+02:00  -").contains("MISSED"),
                l -> assertThat(l).startsWith("2026-03-30T00:30:00Z  2026-03-30T02:30:00+02:00  2026-03-30T00:30:00.003Z  fired"),
                l -> assertThat(l).startsWith("2026-03-31T00:30:00Z  2026-03-31T02:30:00+02:00  2026-03-31T00:30:00.003Z  fired"));
        assertThat(lines).last().isEqualTo("4 fired, 1 missed, 0 skipped, 0 not due, 0 caught up, 0 extra");
    }

    @Test
    void the_json_names_each_verdict() throws Exception {
        CliRun run = schedule("--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = Json.newMapper().readTree(run.out());
        List<String> verdicts = new ArrayList<>();
        report.path("lines").forEach(l -> verdicts.add(l.path("scheduledAt").asText() + " " + l.path("verdict").asText()));
        assertThat(verdicts).containsExactly("2026-03-27T01:30:00Z FIRED", "2026-03-28T01:30:00Z FIRED",
                "2026-03-29T01:00:00Z MISSED", "2026-03-30T00:30:00Z FIRED", "2026-03-31T00:30:00Z FIRED");
    }

    private static CliRun schedule(String... extra) {
        List<String> args = new ArrayList<>(List.of("replay", "schedule", "--job", JOB, "--from", "2026-03-27T00:00:00Z",
                "--to", "2026-03-31T23:59:59Z", "--bootstrap", kafka.bootstrapServers(), "--topic-prefix", PREFIX));
        args.addAll(List.of(extra));
        return CliRun.run(args.toArray(String[]::new));
    }
}
