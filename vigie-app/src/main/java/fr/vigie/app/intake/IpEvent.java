package fr.vigie.app.intake;

import java.time.Instant;

/**
 * An IP event as the next stages read it.
 *
 * @param reportRef the report as people name it: source code, external id and version
 * @param occurredAt the instant in UTC, or null when the report gave none
 */
public record IpEvent(long id, long reportId, String reportRef, String ip, Integer port,
    Instant occurredAt, Long importJobId) {}
