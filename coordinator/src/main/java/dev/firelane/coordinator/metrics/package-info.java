/**
 * Meter names and the registries a process creates once and passes to its components. Depends on nothing else of
 * the coordinator.
 */
package dev.firelane.coordinator.metrics;
