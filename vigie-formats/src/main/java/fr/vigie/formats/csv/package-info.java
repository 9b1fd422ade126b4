/**
 * Streaming CSV (RFC 4180): a reader with line numbers and per-record errors, the base of every
 * CSV format Vigie reads (reports, hash sets, operators' answers), and a writer that neutralises
 * formulas for the exports people open in a spreadsheet.
 */
package fr.vigie.formats.csv;
