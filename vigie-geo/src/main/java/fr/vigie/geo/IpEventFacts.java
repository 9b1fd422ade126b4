package fr.vigie.geo;

import java.time.Instant;

/**
 * One IP event as reported: the address as normalised at intake, the source port if the platform
 * gave one, and the instant in UTC (null when the report gave none).
 */
public record IpEventFacts(String ip, Integer port, Instant occurredAt) {}
