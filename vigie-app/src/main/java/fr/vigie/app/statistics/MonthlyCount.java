package fr.vigie.app.statistics;

/**
 * Reports received in one month (Paris time, "2026-03") under one key: a source's code (with
 * its name as label) or an incident type (the label is the type itself).
 */
public record MonthlyCount(String month, String key, String label, long count) {}
