/**
 * One search box across reports, suspects and cases: identifiers (canonical key or value as
 * reported), names, report, suspect and case numbers, and free text in cases. Suspects and cases
 * are searched within the caller's unit; every search is on the audit record. Reads the tables of
 * intake, suspects and cases directly (read-only), through indexes laid down in V15.
 */
package fr.vigie.app.search;
