package dev.firelane.coordinator.fire;

import dev.firelane.protocol.OverlapPolicy;

/**
 * The overlap decision for one fire of a job (scheduled, catch-up or triggered), a pure function of the
 * policy and the job's in-flight state:
 * <ul>
 *   <li>nothing in flight: fire;</li>
 *   <li>{@code allow}: fire;</li>
 *   <li>{@code skip}: skip (the time is not fired later);</li>
 *   <li>{@code queue}: wait for the in-flight run to complete, unless one fire already waits, in which case
 *       skip (at most one waits).</li>
 * </ul>
 */
final class OverlapGate {
    enum Admission { FIRE, QUEUE, SKIP }

    private OverlapGate() {
    }

    /**
     * @param inFlight whether a run of the job is in flight (emitted and not completed, or waiting to retry)
     * @param queued   whether a fire of the job already waits for the in-flight run
     */
    static Admission admit(OverlapPolicy policy, boolean inFlight, boolean queued) {
        if (!inFlight || policy == OverlapPolicy.ALLOW) {
            return Admission.FIRE;
        }
        if (policy == OverlapPolicy.QUEUE && !queued) {
            return Admission.QUEUE;
        }
        return Admission.SKIP;
    }
}
