package dev.firelane.worker.internal;

import dev.firelane.worker.HandlerRegistry;
import java.time.Clock;
import java.time.Duration;

/** What the {@link PollLoop} needs besides its clients. */
public record LoopSettings(String workerId, String topicPrefix, int maxConcurrentRuns, Duration pollTimeout,
                           Duration drainTimeout, HandlerRegistry registry, Clock clock, Counters counters) {
}
