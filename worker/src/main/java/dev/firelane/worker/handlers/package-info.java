/** The handlers every worker has: {@code noop}, {@code sleep} and (in {@code http}) {@code http}. */
package dev.firelane.worker.handlers;
