package fr.vigie.app.storage;

/**
 * The embedded server a command line opened before starting Spring (so that a failure to start
 * it reads as one line, not a stack trace), handed to the application, which closes it with its
 * connection pool.
 */
public record OpenedEmbeddedServer(DatabaseServer.Embedded server) {}
