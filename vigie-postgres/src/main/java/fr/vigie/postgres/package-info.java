/**
 * The embedded PostgreSQL server: Vigie's default database when no server is configured.
 *
 * <p>{@link fr.vigie.postgres.EmbeddedPostgres#open} returns a lease on the server of one data
 * folder, starting it if no other process has. Every Vigie process of that folder (the web
 * server, an import, {@code status}) shares the one server; the last lease to close stops it. No
 * framework: this module is plain Java over PostgreSQL's own programs, taken from zonky's
 * per-platform binaries.
 */
package fr.vigie.postgres;
