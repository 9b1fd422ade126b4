package fr.vigie.app.cases;

import java.time.Instant;

/** An open case on someone's work page, with how many of its tasks are still open. */
public record WorkloadCase(long id, String reference, String title, String unitCode,
    String status, Instant openedAt, long openTasks) {}
