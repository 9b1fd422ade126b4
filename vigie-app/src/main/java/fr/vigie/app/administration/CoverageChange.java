package fr.vigie.app.administration;

import fr.vigie.app.units.Departement;
import fr.vigie.app.units.Unit;

/**
 * A change of the unit covering a département, as the confirmation page states it: from which
 * unit to which, and how many open records would move with it.
 */
public record CoverageChange(Departement departement, Unit from, Unit to, long activeSuspects) {}
