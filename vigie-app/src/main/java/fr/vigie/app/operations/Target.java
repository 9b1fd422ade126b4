package fr.vigie.app.operations;

import java.time.Instant;
import java.time.LocalDate;

/** One suspect to act on in an operation, carried out by one unit. */
public record Target(long id, String operationCode, String operationName, LocalDate plannedFor,
    String suspectReference, String suspectName, Long unitId, String unitCode, String status,
    Instant plannedAt) {}
