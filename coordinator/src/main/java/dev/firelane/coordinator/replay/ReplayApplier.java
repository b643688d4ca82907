package dev.firelane.coordinator.replay;

import dev.firelane.coordinator.schedule.ScheduleCalculator;
import dev.firelane.coordinator.status.StatusApplier;
import dev.firelane.coordinator.status.StatusRecords;
import dev.firelane.coordinator.status.StatusStreamConfig;
import dev.firelane.coordinator.status.UnappliableEventException;
import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.JobSpecValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.ibatis.session.SqlSessionFactory;

/**
 * Applies replayed records with the status stream's own {@link StatusApplier} and its rules for refusing
 * records ({@link StatusRecords}), so a record the live stream sent to the dlq is refused here too, with the
 * same reason. A database failure is not a refusal: it ends the replay.
 */
public final class ReplayApplier {
    /** Records applied in one transaction by {@link #applyAll}. */
    static final int BATCH = 500;

    private final String topicPrefix;
    private final RecordClock clock = new RecordClock();
    private final StatusApplier applier;

    public ReplayApplier(SqlSessionFactory sessions, String topicPrefix) {
        this.topicPrefix = topicPrefix;
        // the live status stream's settings: CoordinatorRuntime leaves them at their defaults
        this.applier = new StatusApplier(sessions, clock, new ScheduleCalculator(),
                new JobSpecValidator(StatusStreamConfig.DEFAULT_MAX_PAYLOAD_BYTES, Set.of()));
    }

    /** A record the live stream refused, and why. */
    public record Refusal(ReplayRecord record, String reason) {
    }

    /**
     * Applies one record in its own transaction, as the live stream does.
     *
     * @return null if it was applied, else why the live stream sent it to the dlq
     */
    public String apply(ReplayRecord record) {
        String refused = check(record);
        if (refused != null) {
            return refused;
        }
        clock.set(record.timestamp());
        try {
            applier.apply(List.of(record.event()));
            return null;
        } catch (RuntimeException e) {
            String reason = StatusRecords.rejection(e);
            if (reason == null) {
                throw e;
            }
            return reason;
        }
    }

    /**
     * Applies records in order with the effect of {@link #apply} on each, in transactions of up to {@link #BATCH}
     * records that hold at most one command (the only event whose apply reads the clock).
     *
     * @return the records refused
     */
    public List<Refusal> applyAll(List<ReplayRecord> records) {
        List<Refusal> refused = new ArrayList<>();
        List<ReplayRecord> batch = new ArrayList<>();
        ReplayRecord command = null;
        for (ReplayRecord record : records) {
            String reason = check(record);
            if (reason != null) {
                refused.add(new Refusal(record, reason));
                continue;
            }
            boolean isCommand = record.event() instanceof ControlCommand;
            if (batch.size() >= BATCH || (isCommand && command != null)) {
                flush(batch, command, refused);
                command = null;
            }
            batch.add(record);
            command = isCommand ? record : command;
        }
        flush(batch, command, refused);
        return refused;
    }

    private void flush(List<ReplayRecord> batch, ReplayRecord command, List<Refusal> refused) {
        if (batch.isEmpty()) {
            return;
        }
        clock.set((command != null ? command : batch.get(batch.size() - 1)).timestamp());
        try {
            applier.apply(batch.stream().map(ReplayRecord::event).toList());
        } catch (RuntimeException e) {
            if (StatusRecords.rejection(e) == null) {
                throw e;
            }
            // nothing of the batch was written: apply it record by record to find the refused ones
            for (ReplayRecord record : batch) {
                String reason = apply(record);
                if (reason != null) {
                    refused.add(new Refusal(record, reason));
                }
            }
        }
        batch.clear();
    }

    private String check(ReplayRecord record) {
        if (record.isMalformed()) {
            return record.malformed();
        }
        try {
            StatusRecords.check(topicPrefix + record.topic(), record.key(), record.event());
            return null;
        } catch (UnappliableEventException e) {
            return e.getMessage();
        }
    }
}
