package fr.vigie.app.audit;

import fr.vigie.app.security.Access;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.springframework.stereotype.Service;

/**
 * The one rule for reading a unit-scoped record by id: look it up within the caller's scope;
 * found, record the read; not found, say on the record whether it exists in another unit, and
 * answer empty either way — the caller cannot tell "another unit's" from "does not exist".
 */
@Service
public class AuditedReads {

  private final AuditLog audit;

  AuditedReads(AuditLog audit) {
    this.audit = audit;
  }

  /**
   * Returns the record if the caller's scope includes it.
   *
   * @param inScope the lookup restricted to the caller's scope
   * @param anywhere the unscoped lookup, used only to write the audit entry of a refusal
   * @param unitOf the unit a record belongs to (null when not attributed)
   */
  public <T> Optional<T> find(Access access, String objectType, long id,
      LongFunction<Optional<T>> inScope, LongFunction<Optional<T>> anywhere,
      Function<T, Long> unitOf) {
    return find(access, objectType, id, null, inScope, anywhere, unitOf);
  }

  /**
   * As {@link #find(Access, String, long, LongFunction, LongFunction, Function)}, for a read of
   * part of the record that {@code what} names on the entry (e.g. its thumbnail).
   */
  public <T> Optional<T> find(Access access, String objectType, long id, String what,
      LongFunction<Optional<T>> inScope, LongFunction<Optional<T>> anywhere,
      Function<T, Long> unitOf) {
    Optional<T> found = inScope.apply(id);
    if (found.isPresent()) {
      audit.recordRead(access, objectType, id, unitOf.apply(found.get()), what);
    } else {
      Optional<T> elsewhere = anywhere.apply(id);
      audit.recordRefusedRead(access, objectType, id, elsewhere.isPresent(),
          elsewhere.map(unitOf).orElse(null), what);
    }
    return found;
  }
}
