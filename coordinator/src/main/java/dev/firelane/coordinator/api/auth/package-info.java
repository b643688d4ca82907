/**
 * Who calls the REST API: bearer tokens with a role (viewer, operator), or open mode; token parsing and
 * comparison. Depends on nothing else of the coordinator.
 */
package dev.firelane.coordinator.api.auth;
