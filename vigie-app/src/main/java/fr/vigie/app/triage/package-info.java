/**
 * Triage: an explainable risk assessment for every suspect and the queues it orders. Factors come
 * from the published tools for online offenders (KIRAT, CPORT, CASIC; see docs/triage.md), weights
 * from one versioned file; every assessment keeps the version and each factor's points and
 * evidence. An analyst may override the tier with a reason; the queue uses the effective tier.
 * Owns {@code risk_assessments}, {@code risk_assessment_factors} and {@code suspect_risk_facts}.
 * It ranks, it never decides: a person acts, and the reason is recorded.
 */
package fr.vigie.app.triage;
