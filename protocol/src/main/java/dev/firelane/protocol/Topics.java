package dev.firelane.protocol;

import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/** The topics of DESIGN.md. All are keyed by job id and co-partitioned (same partition count). */
public final class Topics {
    public static final String DEFAULT_PREFIX = "firelane.";

    /** Operator commands. Long retention (replay). */
    public static final Topic<String, ControlCommand> CONTROL =
            new Topic<>("control", Serdes.String(), VersionedJsonSerde.of(ControlCommand.class));
    /** Fire decisions of the coordinator. Long retention (replay). */
    public static final Topic<String, Fire> FIRES =
            new Topic<>("fires", Serdes.String(), VersionedJsonSerde.of(Fire.class));
    /** Run events of workers. Long retention (replay). */
    public static final Topic<String, RunEvent> RUNS =
            new Topic<>("runs", Serdes.String(), VersionedJsonSerde.of(RunEvent.class));
    /** Jobs as applied by the status stream. Compacted; tombstone on delete. */
    public static final Topic<String, JobState> JOB_STATE =
            new Topic<>("job-state", Serdes.String(), VersionedJsonSerde.of(JobState.class));
    /**
     * Where the status stream applied each command among {@code fires} and {@code runs}, so replay applies it at
     * the same place. Long retention (replay).
     */
    public static final Topic<String, CommandPlacement> APPLIED =
            new Topic<>("applied", Serdes.String(), VersionedJsonSerde.of(CommandPlacement.class));
    /** Refused records with the reason. */
    public static final Topic<byte[], DeadLetter> DLQ =
            new Topic<>("dlq", Serdes.ByteArray(), VersionedJsonSerde.of(DeadLetter.class));

    /** Every topic, in creation order. */
    public static final List<Topic<?, ?>> ALL = List.of(CONTROL, FIRES, RUNS, JOB_STATE, APPLIED, DLQ);

    private Topics() {
    }
}
