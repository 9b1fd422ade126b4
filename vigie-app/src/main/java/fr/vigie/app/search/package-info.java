/**
 * One search box across reports, suspects, cases, media and requisitions: identifiers (canonical
 * key or value as reported, phones as typed), IP addresses and CIDR ranges of IP events, MD5 /
 * SHA-1 / SHA-256 / PDQ of media (exact), names, report, suspect, case and requisition numbers,
 * and free text in cases. Suspects, cases and requisitions are searched within the caller's
 * unit; every search is on the audit record. Reads the tables of intake, media, attribution,
 * suspects and cases directly (read-only), through indexes laid down in V15 and V27.
 */
package fr.vigie.app.search;
