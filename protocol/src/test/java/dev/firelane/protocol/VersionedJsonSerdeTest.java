package dev.firelane.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class VersionedJsonSerdeTest {
    private static final Instant T = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void control_commands_round_trip_with_type_and_version() {
        var serde = Topics.CONTROL.valueSerde();
        ControlCommand pause = new ControlCommand.Pause("c1", "demo", "alice", T, "db maintenance");
        byte[] bytes = serde.serializer().serialize("t", pause);

        String json = new String(bytes, StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\"v\":1").contains("\"type\":\"Pause\"").contains("\"requestedAt\":\"2026-11-26T10:00:00Z\"");
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(pause);
    }

    @Test
    void create_round_trips_its_spec() {
        var spec = JobSpec.of("demo", ScheduleKind.EVERY, "5s", "sleep",
                JsonNodeFactory.instance.objectNode().put("ms", 4000));
        ControlCommand create = new ControlCommand.Create("c2", "demo", "bob", T, null, spec, false);
        var serde = Topics.CONTROL.valueSerde();
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", create))).isEqualTo(create);
    }

    @Test
    void run_events_round_trip() {
        var serde = Topics.RUNS.valueSerde();
        RunEvent done = new RunEvent.Completed("demo@1", "demo", "w1", 1, T, T, T.plusSeconds(3), RunOutcome.OK, null, 200);
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", done))).isEqualTo(done);
    }

    @Test
    void fires_and_completions_written_before_max_attempts_read_with_an_unknown_limit() {
        Fire fire = new Fire("demo@1", "demo", T, T, 1, "noop", null, null, 1, 1, 3);
        RunEvent.Completed done = RunEvent.Completed.of(fire, "w1", T, T.plusSeconds(3), RunOutcome.ERROR, "boom", null);
        String fireJson = new String(Topics.FIRES.valueSerde().serializer().serialize("t", fire), StandardCharsets.UTF_8);
        String doneJson = new String(Topics.RUNS.valueSerde().serializer().serialize("t", done), StandardCharsets.UTF_8);
        assertThat(done.maxAttempts()).isEqualTo(3);

        Fire oldFire = Topics.FIRES.valueSerde().deserializer().deserialize("t", bytes(fireJson.replace(",\"maxAttempts\":3", "")));
        RunEvent oldDone = Topics.RUNS.valueSerde().deserializer().deserialize("t", bytes(doneJson.replace(",\"maxAttempts\":3", "")));

        assertThat(oldFire.maxAttempts()).isZero();
        assertThat(oldDone).isInstanceOfSatisfying(RunEvent.Completed.class, c -> assertThat(c.maxAttempts()).isZero());
    }

    @Test
    void a_record_whose_version_is_not_its_first_field_reads_the_same() {
        var serde = Topics.RUNS.valueSerde();
        RunEvent done = new RunEvent.Completed("demo@1", "demo", "w1", 1, T, T, T.plusSeconds(3), RunOutcome.OK, null, 200);
        String written = new String(serde.serializer().serialize("t", done), StandardCharsets.UTF_8);
        String moved = "{" + written.substring("{\"v\":1,".length(), written.length() - 1) + ",\"v\":1}";

        assertThat(serde.deserializer().deserialize("t", bytes(moved))).isEqualTo(done);
        assertThat(serde.deserializer().deserialize("t", bytes("{\"v\": 1, " + written.substring("{\"v\":1,".length()))))
                .isEqualTo(done);
    }

    @Test
    void the_version_is_written_once_and_first_whatever_the_value() {
        var serde = Topics.RUNS.valueSerde();
        RunEvent done = new RunEvent.Completed("demo@1", "demo", "w1", 1, T, T, T.plusSeconds(3), RunOutcome.OK, null, 200);
        String written = new String(serde.serializer().serialize("t", done), StandardCharsets.UTF_8);

        assertThat(written).startsWith("{\"v\":1,\"type\":\"Completed\",");
        assertThat(written.indexOf("\"v\":", 1)).isEqualTo(1);
    }

    @Test
    void a_record_written_with_the_version_first_but_broken_later_gets_the_reason() {
        var d = Topics.CONTROL.valueSerde().deserializer();
        assertThatThrownBy(() -> d.deserialize("t", bytes("{\"v\":1,\"type\":\"Pause\",\"commandId\":")))
                .isInstanceOf(SerializationException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> d.deserialize("t", bytes("{\"v\":1}"))).isInstanceOf(SerializationException.class)
                .hasMessageContaining("ControlCommand");
    }

    @Test
    void the_type_of_a_record_as_firelane_writes_it_is_read_from_its_first_bytes() {
        var serde = Topics.CONTROL.valueSerde();
        byte[] pause = serde.serializer().serialize("t", new ControlCommand.Pause("c1", "demo", "alice", T, "why"));

        assertThat(VersionedJsonSerde.writtenType(pause)).isEqualTo("Pause");
        assertThat(VersionedJsonSerde.writtenType(bytes("{\"type\":\"Cancel\",\"v\":1}"))).as("any other order").isNull();
        assertThat(VersionedJsonSerde.writtenType(bytes("{\"v\":1,\"type\":\"Can"))).isNull();
        assertThat(VersionedJsonSerde.writtenType(bytes("{\"v\":1,\"type\":\"C\\u0061ncel\"}"))).as("escaped").isNull();
        assertThat(VersionedJsonSerde.writtenType(bytes("{\"v\":1}"))).isNull();
        assertThat(VersionedJsonSerde.writtenType(bytes("not json"))).isNull();
        assertThat(VersionedJsonSerde.writtenType(null)).isNull();
    }

    @Test
    void tombstones_pass_through_as_null() {
        assertThat(Topics.JOB_STATE.valueSerde().serializer().serialize("t", null)).isNull();
        assertThat(Topics.JOB_STATE.valueSerde().deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void malformed_records_raise_serialization_exception_with_a_reason() {
        var d = Topics.CONTROL.valueSerde().deserializer();
        assertThatThrownBy(() -> d.deserialize("t", bytes("not json"))).isInstanceOf(SerializationException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> d.deserialize("t", bytes("[1]"))).isInstanceOf(SerializationException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> d.deserialize("t", bytes("{\"type\":\"Pause\"}"))).isInstanceOf(SerializationException.class).hasMessageContaining("\"v\"");
        assertThatThrownBy(() -> d.deserialize("t", bytes("{\"v\":2,\"type\":\"Pause\"}"))).isInstanceOf(SerializationException.class).hasMessageContaining("v=2");
        assertThatThrownBy(() -> d.deserialize("t", bytes("{\"v\":1,\"type\":\"Explode\"}"))).isInstanceOf(SerializationException.class).hasMessageContaining("ControlCommand");
        assertThatThrownBy(() -> d.deserialize("t", bytes("{\"v\":1,\"type\":\"Pause\",\"commandId\":\"c\"}")))
                .isInstanceOf(SerializationException.class).hasMessageContaining("jobId");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
