/**
 * The coordinator process: its settings ({@code CoordinatorConfig}), its one wiring place
 * ({@code CoordinatorRuntime}: the fire topology, the status stream, the REST API, one meter registry) and the
 * topics it creates ({@code TopicAdmin}). The rooms below hold the work; this one only builds and starts them.
 */
package dev.firelane.coordinator;
