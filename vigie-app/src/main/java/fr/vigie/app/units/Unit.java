package fr.vigie.app.units;

/** A service that carries out investigations and to which suspects and cases are assigned. */
public record Unit(long id, String code, String name, UnitKind kind, String city) {}
