package fr.vigie.app.matching;

/** How many active hash sets and entries Vigie matches against. */
public record HashSetCounts(long activeSets, long activeEntries) {}
