/**
 * The fire topology (Kafka Streams): reads {@code job-state}, {@code control} and {@code runs}, decides when jobs
 * fire — schedule, overlap, misfire, retries, pauses held at once — and writes {@code fires} and {@code job-state}.
 * It touches no database: its truth is its state stores and the topics. May use {@code schedule}, {@code metrics}
 * and {@code dlq}; never {@code status}, {@code store} or {@code api}.
 */
package dev.firelane.coordinator.fire;
