/**
 * The job database: connection pool, schema migrations, MyBatis session factory and type handlers. Holds no
 * mappers of its own: each room brings its mapper interfaces (writes only from {@code status}).
 */
package dev.firelane.coordinator.store;
