package dev.firelane.coordinator.api;

/**
 * How one component is doing, for {@code GET /health}.
 *
 * @param name   component name in the JSON, e.g. {@code kafka}, {@code statusStream}
 * @param up     whether it is usable
 * @param detail a state or message for humans (e.g. {@code RUNNING}, an error text)
 * @param fatal  down for good: only a restart of the process brings it back ({@code GET /health/live} fails)
 */
public record ComponentHealth(String name, boolean up, String detail, boolean fatal) {
    public ComponentHealth {
        if (up && fatal) {
            throw new IllegalArgumentException(name + " cannot be up and fatal");
        }
    }

    public static ComponentHealth up(String name, String detail) {
        return new ComponentHealth(name, true, detail, false);
    }

    /** Down for now (a broker unreachable, a rebalance): it may come back on its own. */
    public static ComponentHealth down(String name, String detail) {
        return new ComponentHealth(name, false, detail, false);
    }

    /** Down until the process restarts (a stream thread died). */
    public static ComponentHealth fatal(String name, String detail) {
        return new ComponentHealth(name, false, detail, true);
    }
}
