package fr.vigie.app.audit;

import java.time.Instant;

/** An entry of the audit log as stored: the event, its place in the chain and its hashes. */
public record AuditEntry(long id, Instant occurredAt, AuditEvent event, String prevSha256,
    String entrySha256) {}
