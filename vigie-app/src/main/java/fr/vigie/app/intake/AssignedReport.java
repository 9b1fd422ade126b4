package fr.vigie.app.intake;

import java.time.Instant;

/** A report in a unit's or a person's queue: what the work page lists. */
public record AssignedReport(long id, String sourceCode, String externalId,
    String incidentType, Instant receivedAt, String status, boolean highPriority,
    String unitCode, String assignee) {}
