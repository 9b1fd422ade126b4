package fr.vigie.app.intake;

import java.time.Instant;

/**
 * One change in a report's history: a move (from and to statuses, the reason), an assignment
 * (unit code and username, both null when taken back) or a priority.
 */
public record ReportEvent(long id, Instant at, String actor, String kind, String fromStatus,
    String toStatus, String unitCode, String assignee, Boolean highPriority, String reason) {}
