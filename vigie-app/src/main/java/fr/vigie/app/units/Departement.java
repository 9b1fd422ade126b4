package fr.vigie.app.units;

/** A French département (INSEE code, e.g. "01", "2A", "974") and the unit responsible for it. */
public record Departement(String code, String name, String regionName, String unitCode,
    String unitName) {}
