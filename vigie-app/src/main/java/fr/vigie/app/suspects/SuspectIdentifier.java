package fr.vigie.app.suspects;

import java.time.Instant;

/** One identifier a suspect is made of (kind as in reported_identifiers, canonical key). */
public record SuspectIdentifier(String kind, String canonicalKey, Instant firstSeenAt) {}
