package fr.vigie.app.audit.internal;

import fr.vigie.app.audit.AuditAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which entries to show or export; a null field does not filter.
 *
 * @param from the first instant included
 * @param until the first instant no longer included
 */
record AuditFilter(String actor, String objectType, String objectId, AuditAction action,
    Instant from, Instant until) {

  static final AuditFilter EVERYTHING = new AuditFilter(null, null, null, null, null, null);

  /** Returns the filter as one line for the audit entry of a read or export ("" for none). */
  String describe() {
    List<String> parts = new ArrayList<>();
    add(parts, "user", actor);
    add(parts, "objectType", objectType);
    add(parts, "objectId", objectId);
    add(parts, "action", action == null ? null : action.name());
    add(parts, "from", from == null ? null : from.toString());
    add(parts, "until", until == null ? null : until.toString());
    return String.join("; ", parts);
  }

  private static void add(List<String> parts, String name, String value) {
    if (value != null) {
      parts.add(name + "=" + value);
    }
  }
}
