package fr.vigie.app.matching;

/** Published after a hash set was imported or retired, once the change has committed. */
public record HashSetsChanged(String name) {}
