package fr.vigie.app.attribution;

import java.util.Map;

/**
 * What one attribution run did.
 *
 * @param skipped events left as they were because a requisition already asked for them
 */
public record AttributionRun(long attributed, long skipped, Map<String, Long> byOutcome,
    String geoIpStatus) {}
