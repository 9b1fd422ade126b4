package fr.vigie.app.intake;

/** How much intake holds, for the dashboard. */
public record IntakeCounts(long reports, long identifiers, long ipEvents,
    long ipEventsPendingAttribution, long media, long sources) {}
