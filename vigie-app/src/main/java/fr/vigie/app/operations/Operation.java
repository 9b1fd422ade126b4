package fr.vigie.app.operations;

import java.time.LocalDate;
import java.time.LocalTime;

/** A coordinated operation: its reference, title, lead unit, day and hour H (Paris). */
public record Operation(long id, String reference, String title, String leadUnitCode,
    LocalDate day, LocalTime hour, String status, String createdBy) {}
