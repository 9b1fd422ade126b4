package fr.vigie.app.intake;

/**
 * Published after an import run wrote reports, so the next stages (matching, attribution) can
 * queue their work; listeners must only queue jobs, never do the work in the importer's thread.
 *
 * @param importJobId the {@code import_jobs} row
 * @param stored new reports plus new versions
 */
public record ReportsImported(long importJobId, long stored) {}
