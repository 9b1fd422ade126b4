package fr.vigie.app.security;

import java.util.Objects;

/**
 * Who is reading, and from where: what every scoped query takes, so that the scope goes with
 * the query and the audit entry with the read.
 */
public record Access(Caller caller, String clientAddress) {

  public Access {
    Objects.requireNonNull(caller, "caller");
  }

  /** The SQL value for "may see every unit" in scoped queries. */
  public boolean national() {
    return caller.national();
  }

  /** The caller's unit id, or -1 when it has none (matches no record). */
  public long unitOrNone() {
    return caller.unitId() == null ? -1 : caller.unitId();
  }
}
