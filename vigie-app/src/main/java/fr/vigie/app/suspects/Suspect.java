package fr.vigie.app.suspects;

import java.time.Instant;

/**
 * A person as Vigie believes: a cluster of identifiers, assigned to a unit once attributed.
 *
 * @param unitId null until attributed; then only that unit's investigators see it
 */
public record Suspect(long id, String reference, String displayName, Long unitId,
    String unitCode, String departementCode, String status, Instant createdAt) {}
