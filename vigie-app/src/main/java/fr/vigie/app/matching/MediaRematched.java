package fr.vigie.app.matching;

/**
 * Published after a run over the stored media finished, so that later stages (triage) can use
 * the new statuses and categories.
 *
 * @param media how many media items the run matched
 */
public record MediaRematched(long media) {}
