package fr.vigie.app.triage;

import java.time.Instant;

/** One override of a suspect's tier, or its withdrawal ({@code overrideTier} null). */
public record RiskOverride(Tier computedTier, Tier overrideTier, String reason, String decidedBy,
    Instant decidedAt) {}
