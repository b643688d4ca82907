package dev.firelane.coordinator.api;

/**
 * How one component is doing, for {@code GET /health}.
 *
 * @param name   component name in the JSON, e.g. {@code kafka}, {@code statusStream}
 * @param up     whether it is usable
 * @param detail a state or message for humans (e.g. {@code RUNNING}, an error text)
 */
public record ComponentHealth(String name, boolean up, String detail) {
    public static ComponentHealth up(String name, String detail) {
        return new ComponentHealth(name, true, detail);
    }

    public static ComponentHealth down(String name, String detail) {
        return new ComponentHealth(name, false, detail);
    }
}
