/**
 * Streaming readers of published hash sets: Project VIC / VICS JSON (1.x and 2.0), plain CSV and
 * NIST NSRL RDS v2 (zipped CSV) and v3 (SQLite), each giving one {@link fr.vigie.formats.hashsets.HashRecord} per entry (kept,
 * skipped with a warning, or rejected with its position and reason), and the severity schemes
 * that map each publisher's category labels onto Vigie's scale ({@link
 * fr.vigie.formats.hashsets.CategoryScheme}). See docs/hashsets.md.
 */
package fr.vigie.formats.hashsets;
