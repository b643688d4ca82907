/** The built-in {@code http} handler: webhook calls, with an allow-list of destinations. */
package dev.firelane.worker.handlers.http;
