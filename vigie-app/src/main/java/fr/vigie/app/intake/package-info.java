/**
 * Intake of reports: sources, import jobs, reports and what they name (persons, identifiers, IP
 * events, media, victim hints). Owns those tables and the quarantine.
 */
package fr.vigie.app.intake;
