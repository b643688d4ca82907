package dev.firelane.coordinator.status;

import java.time.Instant;

/** One job's part in a status change applied to many jobs by one statement: which job, and when. */
record JobTransition(String id, Instant at) {
}
