/** The handlers every worker has: {@code noop} and {@code sleep}. */
package dev.firelane.worker.handlers;
