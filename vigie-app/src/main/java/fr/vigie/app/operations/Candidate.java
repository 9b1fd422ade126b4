package fr.vigie.app.operations;

import java.time.Instant;

/**
 * A case ready for action ("prêt pour action") that could become a target: its suspect, unit,
 * département, tier, when its newest evidence (report) was received and whether an operator's
 * answer identified a subscriber.
 */
public record Candidate(long caseId, String caseReference, String caseTitle, long suspectId,
    String suspectReference, Long unitId, String unitCode, String departement, String tier,
    Instant newestEvidence, boolean subscriberIdentified) {}
