/** The worker's machinery: the poll loop, offset tracking, runs and publishing. Not an API. */
package dev.firelane.worker.internal;
