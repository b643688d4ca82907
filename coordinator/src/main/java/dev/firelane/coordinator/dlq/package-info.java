/**
 * The dead-letter topic: records that cannot be read go there with a reason, so a poison record never stalls a
 * partition. Depends on {@code protocol} only.
 */
package dev.firelane.coordinator.dlq;
