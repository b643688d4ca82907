package dev.firelane.coordinator.status;

import static dev.firelane.coordinator.status.Events.completed;
import static dev.firelane.coordinator.status.Events.fire;
import static dev.firelane.coordinator.status.Events.started;
import static dev.firelane.coordinator.status.Events.t;
import static dev.firelane.coordinator.testing.JobSpecs.aJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firelane.coordinator.schedule.ScheduleCalculator;
import dev.firelane.coordinator.store.Database;
import dev.firelane.coordinator.testing.SettableClock;
import dev.firelane.coordinator.testing.TestDatabases;
import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.DeadLetter;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.JobSpecValidator;
import dev.firelane.protocol.JobState;
import dev.firelane.protocol.JobStatus;
import dev.firelane.protocol.RunEvent;
import dev.firelane.protocol.RunOutcome;
import dev.firelane.protocol.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.ibatis.session.SqlSession;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusStreamTopologyTest {
    private static final String PREFIX = "t.";
    private static final String JOB = "job-1";

    private final SettableClock clock = SettableClock.at("2026-03-01T12:00:00Z");
    private final Events events = new Events();
    private Database database;
    private TopologyTestDriver driver;
    private TestInputTopic<String, ControlCommand> control;
    private TestInputTopic<String, Fire> fires;
    private TestInputTopic<String, RunEvent> runs;
    private TestOutputTopic<String, JobState> jobState;
    private TestOutputTopic<byte[], DeadLetter> dlq;

    @BeforeEach
    void start() {
        database = Database.open(TestDatabases.h2(), clock, StatusStream.MAPPERS);
        StatusStreamConfig config = StatusStreamConfig.builder().topicPrefix(PREFIX).clock(clock)
                .maxRetries(1).retryBackoff(Duration.ZERO).build();
        StatusApplier applier = new StatusApplier(database.sessions(), clock, new ScheduleCalculator(),
                JobSpecValidator.lenient());
        Properties base = new Properties();
        base.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(StatusStream.topology(config, applier),
                StatusStream.streamsProperties(base, config), clock.instant());
        control = input(Topics.CONTROL.name(PREFIX), Topics.CONTROL.valueSerde().serializer());
        fires = input(Topics.FIRES.name(PREFIX), Topics.FIRES.valueSerde().serializer());
        runs = input(Topics.RUNS.name(PREFIX), Topics.RUNS.valueSerde().serializer());
        jobState = driver.createOutputTopic(Topics.JOB_STATE.name(PREFIX), new StringDeserializer(),
                Topics.JOB_STATE.valueSerde().deserializer());
        dlq = driver.createOutputTopic(Topics.DLQ.name(PREFIX), new ByteArrayDeserializer(),
                Topics.DLQ.valueSerde().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
        database.close();
    }

    @Test
    void unreachable_database_fails_the_task_instead_of_skipping_the_record() {
        database.close();

        assertThatThrownBy(() -> control.pipeInput(JOB, events.create(aJob(JOB).build())))
                .isInstanceOf(StreamsException.class)
                .rootCause().hasMessageContaining("has been closed");
        assertThat(dlq.isEmpty()).isTrue();
        assertThat(jobState.isEmpty()).isTrue();
    }

    private <V> TestInputTopic<String, V> input(String topic, org.apache.kafka.common.serialization.Serializer<V> values) {
        return driver.createInputTopic(topic, new StringSerializer(), values);
    }

    private TestInputTopic<String, byte[]> raw(String topic) {
        return driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer());
    }

    private JobRow job(String id) {
        try (SqlSession session = database.sessions().openSession()) {
            return session.getMapper(JobMapper.class).find(id);
        }
    }

    @Test
    void create_writes_the_row_and_publishes_the_job_state() {
        control.pipeInput(JOB, events.create(aJob(JOB).build()));

        assertThat(job(JOB).jobStatus()).isEqualTo(JobStatus.ACTIVE);
        KeyValue<String, JobState> published = jobState.readKeyValue();
        assertThat(published.key).isEqualTo(JOB);
        assertThat(published.value.status()).isEqualTo(JobStatus.ACTIVE);
        assertThat(published.value.generation()).isEqualTo(1);
        assertThat(jobState.isEmpty()).isTrue();
    }

    @Test
    void completion_of_an_earlier_fire_after_a_pause_keeps_the_job_paused() {
        control.pipeInput(JOB, events.create(aJob(JOB).build()));
        fires.pipeInput(JOB, fire(JOB, t(60)));
        runs.pipeInput(JOB, started(JOB, t(60)));
        control.pipeInput(JOB, events.pause(JOB, t(61)));

        runs.pipeInput(JOB, completed(JOB, t(60), RunOutcome.OK));

        JobRow row = job(JOB);
        assertThat(row.jobStatus()).isEqualTo(JobStatus.PAUSED);
        assertThat(row.runCount()).isEqualTo(1);
        assertThat(row.lastRunStatus()).isEqualTo("ok");
        assertThat(jobState.readValuesToList()).extracting(JobState::status)
                .containsExactly(JobStatus.ACTIVE, JobStatus.PAUSED);
    }

    @Test
    void delete_publishes_a_tombstone() {
        control.pipeInput(JOB, events.create(aJob(JOB).build()));
        control.pipeInput(JOB, events.delete(JOB, t(1)));

        List<KeyValue<String, JobState>> published = jobState.readKeyValuesToList();

        assertThat(published).hasSize(2);
        assertThat(published.get(1).key).isEqualTo(JOB);
        assertThat(published.get(1).value).isNull();
    }

    @Test
    void malformed_control_record_goes_to_the_dlq_and_the_next_one_is_applied() {
        raw(Topics.CONTROL.name(PREFIX)).pipeInput(JOB, "not json".getBytes(StandardCharsets.UTF_8));
        control.pipeInput(JOB, events.create(aJob(JOB).build()));

        DeadLetter letter = dlq.readValue();
        assertThat(letter.sourceTopic()).isEqualTo("t.control");
        assertThat(letter.offset()).isZero();
        assertThat(letter.reason()).startsWith("not JSON");
        assertThat(letter.rejectedBy()).isEqualTo(StatusStream.COMPONENT);
        assertThat(letter.rejectedAt()).isEqualTo(clock.instant());
        assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("not json");
        assertThat(dlq.isEmpty()).isTrue();
        assertThat(job(JOB)).isNotNull();
    }

    @Test
    void malformed_runs_record_goes_to_the_dlq_and_the_next_one_is_applied() {
        control.pipeInput(JOB, events.create(aJob(JOB).build()));
        raw(Topics.RUNS.name(PREFIX)).pipeInput(JOB, "{\"v\":1,\"type\":\"Completed\"}".getBytes(StandardCharsets.UTF_8));
        runs.pipeInput(JOB, completed(JOB, t(60), RunOutcome.OK));

        DeadLetter letter = dlq.readValue();
        assertThat(letter.sourceTopic()).isEqualTo("t.runs");
        assertThat(letter.reason()).contains("not a valid RunEvent");
        assertThat(job(JOB).runCount()).isEqualTo(1);
    }

    @Test
    void record_whose_key_is_not_its_job_goes_to_the_dlq_with_its_bytes() {
        ControlCommand.Pause misrouted = events.pause(JOB, t(1));
        control.pipeInput(JOB, events.create(aJob(JOB).build()));
        control.pipeInput("other", misrouted);
        control.pipeInput(JOB, events.pause(JOB, t(2)));

        DeadLetter letter = dlq.readValue();
        assertThat(letter.sourceTopic()).isEqualTo("t.control");
        assertThat(letter.offset()).isEqualTo(1);
        assertThat(letter.reason()).isEqualTo("record key 'other' is not the jobId 'job-1'");
        assertThat(Topics.CONTROL.valueSerde().deserializer().deserialize("t.control", letter.value())).isEqualTo(misrouted);
        assertThat(job(JOB).jobStatus()).isEqualTo(JobStatus.PAUSED);
    }

    @Test
    void fire_with_a_foreign_fire_id_goes_to_the_dlq_and_writes_nothing() {
        control.pipeInput(JOB, events.create(aJob(JOB).build()));
        fires.pipeInput(JOB, new Fire("other@60000", JOB, t(60), t(60), 1, "noop", null, null, 1));
        fires.pipeInput(JOB, fire(JOB, t(60)));

        assertThat(dlq.readValue().reason()).contains("fireId 'other@60000'");
        assertThat(job(JOB).lastFireId()).isEqualTo(Events.fireId(JOB, t(60)));
    }
}
