package dev.firelane.coordinator.status;

import dev.firelane.protocol.JobStatus;
import java.util.EnumSet;
import java.util.Set;

/**
 * The allowed status transitions of DESIGN.md, enforced here in code; the mapper statements repeat each
 * one in their {@code WHERE}.
 */
enum Transitions {
    PAUSE("pause", EnumSet.of(JobStatus.ACTIVE, JobStatus.FAILED), JobStatus.PAUSED),
    RESUME("resume", EnumSet.of(JobStatus.PAUSED, JobStatus.FAILED), JobStatus.ACTIVE),
    COMPLETE("complete", EnumSet.of(JobStatus.ACTIVE), JobStatus.COMPLETED),
    FAIL("fail", EnumSet.of(JobStatus.ACTIVE), JobStatus.FAILED),
    DELETE("delete", EnumSet.complementOf(EnumSet.of(JobStatus.DELETED)), JobStatus.DELETED);

    private final String verb;
    private final Set<JobStatus> from;
    private final JobStatus to;

    Transitions(String verb, Set<JobStatus> from, JobStatus to) {
        this.verb = verb;
        this.from = from;
        this.to = to;
    }

    boolean allowedFrom(JobStatus status) {
        return from.contains(status);
    }

    /** Already where this transition leads: applying it again changes nothing. */
    boolean isNoOp(JobStatus status) {
        return status == to;
    }

    String refusal(JobStatus status) {
        return "cannot " + verb + " a " + status.wire() + " job";
    }
}
