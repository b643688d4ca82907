package dev.firelane.coordinator.status;

import dev.firelane.coordinator.metrics.MeterRegistries;
import dev.firelane.coordinator.schedule.ScheduleCalculator;
import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.Fire;
import dev.firelane.protocol.JobSpecValidator;
import dev.firelane.protocol.RunEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;

/**
 * Applies control commands, fires and run events to the job database: the only code that writes it.
 * A list of events is the unit of work, applied in one transaction, in order. Every statement is
 * conditional and idempotent on the command id or fire id, so applying the same list again (a
 * redelivery) changes nothing, and the order of a pause and a completion does not matter: pause sticks.
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
     * @throws UnappliableEventException if an event can never be applied; nothing of the list is written
     * @throws RuntimeException           on a database failure; nothing of the list is written
     */
    public List<Publication> apply(List<?> events) {
        long start = metrics.monotonicNanos();
        try (SqlSession session = sessions.openSession(ExecutorType.SIMPLE, false)) {
            try {
                Mappers mappers = Mappers.of(session);
                ApplyTally tally = new ApplyTally();
                List<Publication> out = new ArrayList<>();
                for (Object event : events) {
                    applyOne(event, mappers, tally).ifPresent(out::add);
                }
                session.commit(true);
                countCommitted(events, tally, start);
                return out;
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
        for (Object event : events) {
            metrics.applied(event);
        }
        metrics.pausesPreserved(tally.pausesPreserved());
    }

    private Optional<Publication> applyOne(Object event, Mappers mappers, ApplyTally tally) {
        if (event instanceof ControlCommand command) {
            return commands.apply(command, mappers);
        }
        if (event instanceof Fire fire) {
            return runs.fire(fire, mappers);
        }
        if (event instanceof RunEvent run) {
            return runs.run(run, mappers, tally);
        }
        throw new UnappliableEventException("not a status event: " + (event == null ? "null" : event.getClass().getName()));
    }
}
