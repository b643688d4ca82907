package dev.firelane.coordinator.stats;

/** Takes one {@link StatsReading}: where the sampler's figures come from. */
@FunctionalInterface
interface StatsReader {
    StatsReading read();
}
