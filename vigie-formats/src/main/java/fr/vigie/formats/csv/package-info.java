/**
 * Streaming CSV (RFC 4180) with line numbers and per-record errors: the base of every CSV format
 * Vigie reads (reports, hash sets, operators' answers).
 */
package fr.vigie.formats.csv;
