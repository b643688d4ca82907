package dev.firelane.coordinator.api.auth;

import java.util.Locale;

/** What a token may do: {@code viewer} reads; {@code operator} also changes jobs. */
public enum Role {
    VIEWER, OPERATOR;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this role may send commands (create, pause, resume, trigger, update, delete, cancel). */
    public boolean mayOperate() {
        return this == OPERATOR;
    }

    /** {@code viewer} or {@code operator}, any case. */
    public static Role fromWire(String text) {
        for (Role role : values()) {
            if (role.wire().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return role;
            }
        }
        throw new IllegalArgumentException("role must be viewer or operator; got '" + text + "'");
    }
}
