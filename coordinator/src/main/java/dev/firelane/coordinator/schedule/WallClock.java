package dev.firelane.coordinator.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * The DST rule of cron schedules: a wall-clock time fires at the first instant at which the zone's
 * clocks show that time or a later one. So a time that occurs once fires then; a time that occurs twice
 * (fall-back) fires at its first occurrence; a time that does not exist (spring-forward gap) fires at
 * the first instant after the gap.
 */
final class WallClock {
    private WallClock() {
    }

    /** The instant at which {@code local} fires in {@code zone}. */
    static Instant fireInstant(LocalDateTime local, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        Instant first = null;
        for (ZoneOffset offset : rules.getValidOffsets(local)) {
            Instant candidate = local.toInstant(offset);
            if (first == null || candidate.isBefore(first)) {
                first = candidate;
            }
        }
        // no valid offset: the time is skipped, and the gap ends at the transition
        return first != null ? first : rules.getTransition(local).getInstant();
    }

    /**
     * The last wall-clock second of the gap or overlap that {@code local} lies in, or {@code local} itself
     * when it occurs exactly once. Every time in such a range fires no later than the transition, so once
     * one of them is behind, all are.
     */
    static LocalDateTime lastSecondOfTransition(LocalDateTime local, ZoneId zone) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition == null) {
            return local;
        }
        LocalDateTime before = transition.getDateTimeBefore();
        LocalDateTime after = transition.getDateTimeAfter();
        LocalDateTime last = (before.isAfter(after) ? before : after).minusSeconds(1);
        return last.isAfter(local) ? last : local;
    }
}
