package fr.vigie.app.linking;

/**
 * What one linking run did.
 *
 * @param kind REBUILD, IMPORT, ANSWER or DECISION
 * @param records person and subscriber records linked (block mates not counted)
 * @param identifiers identifiers in the clusters it recomputed
 * @param clusters clusters (suspects) it recomputed
 * @param links links written, proposals included
 * @param proposed of which probabilistic proposals waiting for an analyst
 * @param created suspects created
 * @param millis wall-clock time of the run
 */
public record LinkingRun(String kind, long records, long identifiers, long clusters, long links,
    long proposed, long created, long millis) {}
