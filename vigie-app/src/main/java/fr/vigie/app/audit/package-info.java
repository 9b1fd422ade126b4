/**
 * The audit log: who did or saw what, when, from where, and why — append-only and hash-chained.
 * Owns {@code audit_log} and {@code audit_head}.
 */
package fr.vigie.app.audit;
