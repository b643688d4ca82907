/**
 * The figures behind the dashboard's charts: a sampler that reads the process's meters (and the status stream's
 * in-memory view of runs in flight) every few seconds into a bounded ring of points, served by the API as
 * {@code /api/stats/series}. Reads only; touches no database and no topic. May use {@code metrics} and the
 * status stream's {@code RunActivity}; never {@code api}, {@code fire}, {@code store} or {@code replay}.
 */
package dev.firelane.coordinator.stats;
