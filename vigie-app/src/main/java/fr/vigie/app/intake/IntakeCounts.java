package fr.vigie.app.intake;

/**
 * How much intake holds, for the dashboard.
 *
 * @param ipEventsPendingAttribution IP events that attribution has not decided yet (no row in
 *     {@code ip_attributions}): those the attribution page counts as not yet attributed
 */
public record IntakeCounts(long reports, long identifiers, long ipEvents,
    long ipEventsPendingAttribution, long media, long sources) {}
