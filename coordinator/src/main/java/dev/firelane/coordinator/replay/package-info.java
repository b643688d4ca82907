/**
 * Incident analysis ({@code firelane replay}): reads the history on {@code control}, {@code fires}, {@code runs}
 * and {@code job-state} and applies it with the status stream's own code to a scratch database it creates. Reads
 * the live database only to compare ({@code replay diff}, {@code replay check}); never writes a topic or the live
 * database. May use {@code status} (its applier and mappers, on the scratch database), {@code store},
 * {@code schedule} and the
 * fire topology's group name; never {@code api}.
 */
package dev.firelane.coordinator.replay;
