package dev.firelane.coordinator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.coordinator.schedule.ScheduleCalculator;
import dev.firelane.coordinator.store.Database;
import dev.firelane.coordinator.store.DatabaseConfig;
import dev.firelane.coordinator.testing.JobSpecs;
import dev.firelane.coordinator.testing.SettableClock;
import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.FireIds;
import dev.firelane.protocol.JobSpec;
import dev.firelane.protocol.JobSpecValidator;
import dev.firelane.protocol.JobStatus;
import dev.firelane.protocol.RunEvent;
import dev.firelane.protocol.RunOutcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import org.apache.ibatis.session.SqlSession;

/**
 * Random interleavings of pause, resume, update, delete, re-create, trigger, fires, starts, completions (ok, error,
 * skipped) and redeliveries of any earlier record, cut into random batches and applied by the real status applier,
 * against a small model of the allowed transitions and of what a run counts. After every history the job's row
 * must be what the model says: the status (so a pause sticks through every completion and redelivery), the
 * incarnation, and {@code run_count} (each fire of the current incarnation that ran counted once); applying the
 * whole history again from its first record (a replay, or a status stream that lost its offsets) changes nothing;
 * and the same history applied into a second, empty database in one batch (as a rebuild reads it) leaves the same
 * {@code jobs}, {@code job_runs} and {@code job_commands} rows, column by column, whatever the cuts.
 * {@code ApplyModelOnH2Properties} and {@code ApplyModelOnMariaDbProperties} run it on each database.
 */
abstract class ApplyModelProperties {
    private static final String JOB = "prop";
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final RunOutcome[] OUTCOMES = {RunOutcome.OK, RunOutcome.ERROR, RunOutcome.SKIPPED};

    private final Store live = new Store();
    private final Store rebuilt = new Store();

    abstract DatabaseConfig newDatabase();

    abstract void dropDatabase(DatabaseConfig config);

    /** The history itself: op codes, decoded by {@link History}; and where the batches end. */
    @Provide
    Arbitrary<List<Integer>> histories() {
        return Arbitraries.integers().between(0, 9_999).list().ofMinSize(1).ofMaxSize(40);
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(1, 8).list().ofMinSize(1).ofMaxSize(10);
    }

    void check(@ForAll("histories") List<Integer> ops, @ForAll("cuts") List<Integer> cuts) {
        History history = new History();
        ops.forEach(history::add);
        StatusApplier applier = live.applier();
        live.emptyTables();
        int at = 0;
        for (int i = 0; at < history.records.size(); i++) {
            int size = cuts.get(i % cuts.size());
            applier.apply(history.records.subList(at, Math.min(history.records.size(), at + size)));
            at += size;
        }
        JobRow row = live.row();
        // rebuilt: the same history into an empty database in one batch leaves every row as the cut one did
        rebuilt.emptyTables();
        rebuilt.applier().apply(history.records);
        assertThat(rebuilt.rows()).as("rows rebuilt in one batch from %s", history.names).isEqualTo(live.rows());
        // replayed: the whole history applied again from its first record, as by a status stream whose committed
        // offsets were lost, changes nothing
        applier.apply(history.records);
        JobRow replayed = live.row();
        assertThat(replayed == null ? null : List.of(replayed.jobStatus(), replayed.incarnation(), replayed.runCount()))
                .as("the row after the history %s was applied again", history.names)
                .isEqualTo(row == null ? null : List.of(row.jobStatus(), row.incarnation(), row.runCount()));
        Model model = history.model;
        if (model.status == null) {
            assertThat(row).as("never created").isNull();
            return;
        }
        assertThat(row).as("history %s", history.names).isNotNull();
        assertThat(row.jobStatus()).as("status after %s", history.names).isEqualTo(model.status);
        assertThat(row.incarnation()).as("incarnation after %s", history.names).isEqualTo(model.incarnation);
        if (model.status != JobStatus.DELETED) {
            assertThat(row.runCount()).as("run_count after %s", history.names).isEqualTo(model.runCount);
        }
    }

    void close() {
        live.close();
        rebuilt.close();
    }

    /** A database of the property's own, opened on first use. */
    private final class Store {
        private DatabaseConfig config;
        private Database database;

        StatusApplier applier() {
            return new StatusApplier(database().sessions(), new SettableClock(T0), new ScheduleCalculator(),
                    JobSpecValidator.lenient(), StatusMetrics.of(new SimpleMeterRegistry()));
        }

        JobRow row() {
            try (SqlSession session = database().sessions().openSession()) {
                return Mappers.of(session).jobs().find(JOB);
            }
        }

        /** Every row the history can leave: the job, its runs and its commands. */
        List<Object> rows() {
            try (SqlSession session = database().sessions().openSession()) {
                Mappers m = Mappers.of(session);
                return List.of(java.util.Optional.ofNullable(m.jobs().find(JOB)), m.runs().findByJob(JOB),
                        m.commands().findByJob(JOB));
            }
        }

        private Database database() {
            if (database == null) {
                config = newDatabase();
                database = Database.open(config, StatusStream.MAPPERS);
            }
            return database;
        }

        void close() {
            if (database != null) {
                database.close();
                dropDatabase(config);
                database = null;
            }
        }

        void emptyTables() {
            try (Connection c = database().dataSource().getConnection(); Statement st = c.createStatement()) {
                st.executeUpdate("DELETE FROM job_commands");
                st.executeUpdate("DELETE FROM job_runs");
                st.executeUpdate("DELETE FROM jobs");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** What the allowed transitions and the counting rules say the row must be. */
    private static final class Model {
        JobStatus status; // null: never created
        long incarnation;
        long runCount;
        final Set<String> commands = new HashSet<>();
        final Set<String> finished = new HashSet<>();
    }

    /** Decodes op codes into records, and applies each to the model as the status stream must. */
    private static final class History {
        final List<Object> records = new ArrayList<>();
        final List<String> names = new ArrayList<>();
        final Model model = new Model();
        /** The incarnation each slot was last fired under (a fire id belongs to the incarnation that fired it). */
        final Map<Integer, Long> firedUnder = new HashMap<>();
        int seq;

        void add(int code) {
            int kind = code % 11;
            int slot = (code / 11) % 4;
            RunOutcome outcome = OUTCOMES[(code / 44) % OUTCOMES.length];
            Instant at = T0.plusMillis(++seq);
            String id = "cmd-" + seq;
            switch (kind) {
                case 0 -> command(new ControlCommand.Create(id, JOB, "p", at, null, spec(), false), "create");
                case 1 -> command(new ControlCommand.Create(id, JOB, "p", at, null, spec(), true), "create-paused");
                case 2, 3 -> command(new ControlCommand.Pause(id, JOB, "p", at, null), "pause");
                case 4 -> command(new ControlCommand.Resume(id, JOB, "p", at, null), "resume");
                case 5 -> command(new ControlCommand.Update(id, JOB, "p", at, null, spec()), "update");
                case 6 -> command(new ControlCommand.Delete(id, JOB, "p", at, null), "delete");
                case 7 -> fire(slot);
                case 8 -> started(slot);
                case 9 -> completed(slot, outcome);
                default -> redeliver(code);
            }
        }

        private static JobSpec spec() {
            return JobSpecs.aJob(JOB).every("1h").maxErrors(0).build();
        }

        private void command(ControlCommand command, String name) {
            records.add(command);
            names.add(name);
            applyToModel(command);
        }

        private void applyToModel(ControlCommand command) {
            if (!model.commands.add(command.commandId())) {
                return; // recorded already: applied once
            }
            JobStatus s = model.status;
            boolean exists = s != null && s != JobStatus.DELETED;
            if (command instanceof ControlCommand.Create create) {
                if (!exists) {
                    model.incarnation = s == null ? 1 : model.incarnation + 1;
                    model.status = create.paused() ? JobStatus.PAUSED : JobStatus.ACTIVE;
                    model.runCount = 0;
                }
            } else if (command instanceof ControlCommand.Pause) {
                if (s == JobStatus.ACTIVE || s == JobStatus.FAILED) {
                    model.status = JobStatus.PAUSED;
                }
            } else if (command instanceof ControlCommand.Resume) {
                if (s == JobStatus.PAUSED || s == JobStatus.FAILED) {
                    model.status = JobStatus.ACTIVE;
                }
            } else if (command instanceof ControlCommand.Delete) {
                if (exists) {
                    model.status = JobStatus.DELETED;
                }
            }
        }

        private void fire(int slot) {
            long incarnation = Math.max(1, model.incarnation);
            firedUnder.put(slot, incarnation);
            Instant scheduledAt = T0.plusSeconds(slot);
            records.add(new Fire(FireIds.of(JOB, incarnation, scheduledAt, 1), JOB, scheduledAt, scheduledAt, 1, "noop", null,
                    null, 1, incarnation));
            names.add("fire" + slot + "~" + incarnation);
        }

        private void started(int slot) {
            String fireId = fireId(slot);
            records.add(new RunEvent.Started(fireId, JOB, "w1", 1, T0.plusSeconds(slot), T0.plusSeconds(slot)));
            names.add("started" + slot); // a start makes the run row, unfinished: the model has nothing to change
        }

        private void completed(int slot, RunOutcome outcome) {
            String fireId = fireId(slot);
            Instant scheduledAt = T0.plusSeconds(slot);
            RunEvent.Completed c = new RunEvent.Completed(fireId, JOB, "w1", 1, scheduledAt, scheduledAt,
                    scheduledAt.plusMillis(5), outcome, outcome == RunOutcome.OK ? null : "x", null);
            records.add(c);
            names.add("completed" + slot + ":" + outcome.wire());
            applyToModel(c);
        }

        private void applyToModel(RunEvent.Completed c) {
            if (!model.finished.add(c.fireId())) {
                return; // counted once, when first applied
            }
            if (model.status == null) {
                return; // a completion of an unknown job is run history only: never counted, not even delivered again
            }
            if (model.status != JobStatus.DELETED && c.outcome().isRun()
                    && FireIds.incarnationOf(c.fireId()) == model.incarnation) {
                model.runCount++;
            }
        }

        private void redeliver(int code) {
            if (records.isEmpty()) {
                names.add("(nothing to redeliver)");
                return;
            }
            Object again = records.get((code / 11) % records.size());
            records.add(again);
            names.add("again:" + names.get(records.indexOf(again)));
            if (again instanceof ControlCommand command) {
                applyToModel(command);
            } else if (again instanceof RunEvent.Completed c) {
                applyToModel(c);
            }
        }

        private String fireId(int slot) {
            return FireIds.of(JOB, firedUnder.getOrDefault(slot, Math.max(1, model.incarnation)), T0.plusSeconds(slot), 1);
        }
    }
}
