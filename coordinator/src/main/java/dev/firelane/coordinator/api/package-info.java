/**
 * The REST API and the dashboard's files: reads the job database through its own read-only
 * {@code JobQueryMapper} and sends every change as a command on {@code control} — it never writes a job row.
 * May use {@code api.auth}, {@code schedule}, {@code metrics} and {@code stats} (the charts' series); never {@code status}, {@code fire} or
 * {@code replay}.
 */
package dev.firelane.coordinator.api;
