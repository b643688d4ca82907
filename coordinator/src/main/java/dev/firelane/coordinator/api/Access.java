package dev.firelane.coordinator.api;

/** What a route needs from its caller. Everything under {@code /api} needs a token whatever its access. */
enum Access {
    /** Probes, scrapers and the dashboard's page and assets: no token. */
    PUBLIC,
    /** Reads: any valid token (viewer or operator). */
    READ,
    /** Commands: an operator token. */
    OPERATE
}
