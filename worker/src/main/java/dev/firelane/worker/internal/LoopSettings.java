package dev.firelane.worker.internal;

import dev.firelane.worker.HandlerRegistry;
import dev.firelane.worker.WorkerConfig;
import java.time.Clock;

/**
 * What the {@link PollLoop} needs besides its clients.
 *
 * @param jobStates what the worker learned from {@code job-state}: fires of jobs paused meanwhile are skipped
 */
public record LoopSettings(WorkerConfig config, HandlerRegistry registry, Clock clock, Counters counters,
                           JobStateBook jobStates) {
}
