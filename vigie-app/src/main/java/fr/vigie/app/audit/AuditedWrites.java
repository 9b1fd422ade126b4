package fr.vigie.app.audit;

import fr.vigie.app.security.Access;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/**
 * The one rule for changing a unit-scoped record, the counterpart of {@link AuditedReads}: look
 * the record up within the caller's scope; found, hand it back for the change (which the caller
 * then records with what it did); not found, put the refused change on the record — the action
 * tried, DENIED with the record's unit when it is another unit's, NOT_FOUND when nothing has that
 * id — and answer empty either way, so that the caller answers 404 and cannot tell "another
 * unit's" from "does not exist". Every action goes through it the same way: a note, a status, an
 * exhibit, a suspect named in a change.
 */
@Service
public class AuditedWrites {

  /** The width of {@code audit_log.object_id}: an id typed by the caller may be longer. */
  static final int OBJECT_ID_WIDTH = 64;

  private final AuditLog audit;

  AuditedWrites(AuditLog audit) {
    this.audit = audit;
  }

  /**
   * Returns the record if the caller's scope includes it, else records the refusal.
   *
   * @param action what the change would have been (CREATE, UPDATE…), recorded on refusal
   * @param change names the change asked for, for the record (e.g. "note", "status")
   * @param inScope the lookup restricted to the caller's scope
   * @param outsideScope the lookup of the same id outside the caller's scope (for a record that
   *     either is in the scope or not, the unscoped lookup), used only to write the refusal
   * @param unitOf the unit a record belongs to (null when not attributed)
   */
  public <K, T> Optional<T> find(Access access, AuditAction action, String objectType, K id,
      String change, Function<K, Optional<T>> inScope, Function<K, Optional<T>> outsideScope,
      Function<T, Long> unitOf) {
    Optional<T> found = inScope.apply(id);
    if (found.isEmpty()) {
      Optional<T> elsewhere = outsideScope.apply(id);
      String shown = String.valueOf(id);
      audit.recordRefusedChange(access, action, objectType,
          shown.length() <= OBJECT_ID_WIDTH ? shown : shown.substring(0, OBJECT_ID_WIDTH),
          elsewhere.isPresent(), elsewhere.map(unitOf).orElse(null), change);
    }
    return found;
  }
}
