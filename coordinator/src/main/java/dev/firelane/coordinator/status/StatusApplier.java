package dev.firelane.coordinator.status;

import dev.firelane.coordinator.metrics.MeterRegistries;
import dev.firelane.coordinator.schedule.ScheduleCalculator;
import dev.firelane.protocol.CommandPlacement;
import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.JobSpecValidator;
import dev.firelane.protocol.RunEvent;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;

/**
 * Applies control commands, fires and run events to the job database: the only code that writes it.
 *
 * <p>A list of events is one batch, applied in one transaction, in order: the rows the list touches are read
 * first (three {@code IN} lookups; the job rows locked), the events are applied to them in memory, and what
 * changed is written through the batch executor — one {@code job_runs} write per fire however many of its
 * events the list holds, one {@code jobs} update per job between its status changes ({@code run_count =
 * run_count + k}, the latest telemetry). A status change (a command, or a transition the stream causes)
 * is a barrier for its job: what came before it is written before it. Every status statement keeps its
 * allowed-transition guard in SQL, so coalescing can never turn a paused row active.
 *
 * <p>Applying a list gives the rows that applying its events one by one would give; applying the same list
 * again changes nothing (completions count once per fire id, commands apply once per command id), which is
 * what makes a redelivered batch harmless. The order of a pause and a completion does not matter: pause
 * sticks.
 */
public final class StatusApplier {
    private final SqlSessionFactory sessions;
    private final CommandApplier commands;
    private final RunApplier runs;
    private final StatusMetrics metrics;

    /** An applier whose meters are registered nowhere. */
    public StatusApplier(SqlSessionFactory sessions, Clock clock, ScheduleCalculator calculator, JobSpecValidator validator) {
        this(sessions, clock, calculator, validator, StatusMetrics.of(MeterRegistries.none()));
    }

    /**
     * @param sessions   the job database (with {@link StatusStream#MAPPERS} registered)
     * @param clock      the time recorded as {@code applied_at} of commands
     * @param calculator schedule math for the {@code next_fire_at} estimate
     * @param validator  checks the specs of Create and Update again (a refused spec is a rejected command)
     * @param metrics    counts what was applied, once committed
     */
    public StatusApplier(SqlSessionFactory sessions, Clock clock, ScheduleCalculator calculator, JobSpecValidator validator,
                         StatusMetrics metrics) {
        NextFire nextFire = new NextFire(calculator);
        this.sessions = sessions;
        this.commands = new CommandApplier(clock, nextFire, validator);
        this.runs = new RunApplier(nextFire);
        this.metrics = metrics;
    }

    /**
     * Applies {@code events} — each a {@link ControlCommand}, {@link Fire} or {@link RunEvent} — in one
     * transaction and returns, in order, what to publish on {@code job-state}.
     *
     * @throws UnappliableEventException if an event can never be applied (its {@link UnappliableEventException#index()
     *                                   index} says which); nothing of the list is written
     * @throws StaleBatchException       if a row changed under the batch; nothing is written, apply again
     * @throws RuntimeException          on a database failure; nothing of the list is written
     */
    public List<Publication> apply(List<?> events) {
        return apply(events, Map.of()).publications();
    }

    /** What a transaction applied: what to publish on {@code job-state}, and where its commands were applied. */
    public record Applied(List<Publication> publications, Map<String, CommandPlacement> places) {
    }

    /**
     * {@link #apply(List)}, recording with each new command where it is applied ({@code proposed}, by command id),
     * and returning the place of every command of the list as the database has it: a command applied before keeps
     * the place recorded then.
     */
    public Applied apply(List<?> events, Map<String, CommandPlacement> proposed) {
        long start = metrics.monotonicNanos();
        try (SqlSession session = sessions.openSession(ExecutorType.BATCH, false)) {
            try {
                Batch batch = Batch.read(events, Mappers.of(session));
                batch.proposePlaces(proposed);
                for (int i = 0; i < events.size(); i++) {
                    applyOne(events.get(i), batch, i);
                }
                BatchWriter.write(batch, session);
                session.commit(true);
                countCommitted(events, batch.tally(), start);
                return new Applied(List.copyOf(batch.publications()), Map.copyOf(batch.places()));
            } catch (RuntimeException e) {
                try {
                    session.rollback(true);
                } catch (RuntimeException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        }
    }

    private void countCommitted(List<?> events, ApplyTally tally, long start) {
        metrics.applyTook(metrics.monotonicNanos() - start);
        metrics.batchApplied(events.size());
        for (Object event : events) {
            metrics.applied(event);
        }
        metrics.pausesPreserved(tally.pausesPreserved());
        metrics.runsFinished(tally.runsFinished());
    }

    private void applyOne(Object event, Batch batch, int index) {
        try {
            if (event instanceof ControlCommand command) {
                commands.apply(command, batch);
            } else if (event instanceof Fire fire) {
                runs.fire(fire, batch);
            } else if (event instanceof RunEvent run) {
                runs.run(run, batch);
            } else {
                throw new UnappliableEventException("not a status event: "
                        + (event == null ? "null" : event.getClass().getName()));
            }
        } catch (UnappliableEventException e) {
            throw e.at(index);
        }
    }
}
