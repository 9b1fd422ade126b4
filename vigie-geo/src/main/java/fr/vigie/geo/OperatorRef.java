package fr.vigie.geo;

/**
 * A French operator as attribution needs it.
 *
 * @param retentionDays how long it keeps who-had-which-address; events older are expired
 */
public record OperatorRef(long id, String code, String name, int retentionDays) {}
