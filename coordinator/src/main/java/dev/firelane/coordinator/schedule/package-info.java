/**
 * Schedule math: the pure function (schedule, anchor, after) → next fire time, over cron-utils, with the DST rule.
 * No clock, no I/O; depends on {@code protocol} only.
 */
package dev.firelane.coordinator.schedule;
