package dev.firelane.coordinator.api.auth;

/**
 * Who is calling: a token's name and role, or, with authentication off, the name the client gave.
 *
 * @param name          recorded as {@code requestedBy} of the commands the call sends
 * @param authenticated false when the API runs without tokens (then every caller is an operator)
 */
public record Caller(String name, Role role, boolean authenticated) {
}
