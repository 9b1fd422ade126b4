package fr.vigie.app.units;

/** What sort of service a unit is. */
public enum UnitKind {
  /** The national office, with the national view. */
  CENTRAL_OFFICE,
  /** A territorial antenna of the central office. */
  ANTENNA,
  /** A specialised brigade outside the office (the Préfecture de police's BPM). */
  BRIGADE,
  /** A judicial police service (zonal or overseas) where the office has no antenna. */
  PJ_SERVICE
}
