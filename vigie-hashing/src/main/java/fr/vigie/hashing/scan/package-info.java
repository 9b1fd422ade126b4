/**
 * Scanning a folder tree for known content: {@link fr.vigie.hashing.scan.TreeScanner} walks it
 * with worker threads, hashes every regular file once (MD5, SHA-1, SHA-256, and PDQ for images),
 * asks a {@link fr.vigie.hashing.scan.KnownContent} for matches and streams one
 * {@link fr.vigie.hashing.scan.ScanOutcome} per entry to a {@link fr.vigie.hashing.scan.ScanSink}.
 * Nothing is ever written into the scanned tree. See {@code docs/scan.md}.
 */
package fr.vigie.hashing.scan;
